package cn.zhengyin.licence.registry.internal;

import static com.mongodb.client.model.Filters.eq;

import cn.zhengyin.licence.registry.LicenceFileStore;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * MongoDB adapter of {@link LicenceFileStore}: one document per file in {@code licence_files} ({@code _id} = file id,
 * the bytes in one binary field). A licence file is a few hundred kilobytes, so one document holds it; a single
 * insert is atomic, which GridFS's files-plus-chunks writes are not — a crash can never leave half a file. Files over
 * {@value #MAX_FILE_BYTES} bytes are refused.
 */
public final class MongoLicenceFileStore implements LicenceFileStore {
    static final int MAX_FILE_BYTES = 15 * 1024 * 1024;
    private final MongoCollection<Document> files;

    public MongoLicenceFileStore(MongoDatabase database) {
        this.files = database.getCollection("licence_files");
    }

    @Override
    public void put(String fileId, String filename, String mediaType, byte[] content) {
        Document document = document(fileId, filename, mediaType, content);
        try {
            files.insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /**
     * One unordered {@code insert} command for all the files (issue #18): each document is still inserted atomically
     * and on its own, so the outcome is that of separate puts — an existing id keeps its first file.
     */
    @Override
    public void putAll(List<StoredFile> all) {
        List<Document> documents = new ArrayList<>(all.size());
        for (StoredFile f : all) {
            documents.add(document(f.fileId(), f.filename(), f.mediaType(), f.content()));
        }
        if (documents.isEmpty()) {
            return;
        }
        try {
            files.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            if (e.getWriteConcernError() != null) {
                throw e;
            }
        }
    }

    private static Document document(String fileId, String filename, String mediaType, byte[] content) {
        if (content.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("licence file " + filename + " has " + content.length
                    + " bytes; the store keeps files up to " + MAX_FILE_BYTES);
        }
        return new Document("_id", fileId)
                .append("filename", filename)
                .append("mediaType", mediaType)
                .append("size", content.length)
                .append("content", new Binary(content));
    }

    @Override
    public Optional<byte[]> get(String fileId) {
        return Optional.ofNullable(files.find(eq("_id", fileId)).first())
                .map(d -> d.get("content", Binary.class).getData());
    }
}
