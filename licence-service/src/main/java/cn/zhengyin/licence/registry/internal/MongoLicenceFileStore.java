package cn.zhengyin.licence.registry.internal;

import static com.mongodb.client.model.Filters.eq;

import cn.zhengyin.licence.registry.LicenceFileStore;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
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
        if (content.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("licence file " + filename + " has " + content.length
                    + " bytes; the store keeps files up to " + MAX_FILE_BYTES);
        }
        try {
            files.insertOne(new Document("_id", fileId)
                    .append("filename", filename)
                    .append("mediaType", mediaType)
                    .append("size", content.length)
                    .append("content", new Binary(content)));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    @Override
    public Optional<byte[]> get(String fileId) {
        return Optional.ofNullable(files.find(eq("_id", fileId)).first())
                .map(d -> d.get("content", Binary.class).getData());
    }
}
