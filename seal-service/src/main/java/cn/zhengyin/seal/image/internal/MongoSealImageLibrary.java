package cn.zhengyin.seal.image.internal;

import cn.zhengyin.seal.image.ImageFormat;
import cn.zhengyin.seal.image.SealDesign;
import cn.zhengyin.seal.image.SealImage;
import cn.zhengyin.seal.image.SealImage.Origin;
import cn.zhengyin.seal.image.SealImageLibrary;
import cn.zhengyin.trust.seal.SealType;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * {@link SealImageLibrary} in the Mongo collection {@code seal_images}: one document per image, {@code _id} = the
 * {@code sha256:<hex>} id (so the primary key enforces "same bytes, same image"), the bytes in {@code content} (a
 * 2 MiB image fits a 16 MiB document), metadata beside them and, for generated images, the design.
 */
public final class MongoSealImageLibrary implements SealImageLibrary {
    public static final String COLLECTION = "seal_images";
    private static final Bson WITHOUT_CONTENT = Projections.exclude("content");
    private final MongoCollection<Document> images;

    public MongoSealImageLibrary(MongoDatabase database) {
        this.images = database.getCollection(COLLECTION);
        images.createIndex(
                Indexes.compoundIndex(Indexes.ascending("organisationCode"), Indexes.descending("createdAt")));
    }

    @Override
    public Stored store(SealImage image, byte[] content) {
        if (!SealImage.idOf(content).equals(image.id())) {
            throw new IllegalArgumentException("image id " + image.id() + " is not the SHA-256 of its content");
        }
        Optional<SealImage> existing = find(image.id());
        if (existing.isPresent()) {
            return new Stored(existing.get(), false);
        }
        try {
            images.insertOne(toDocument(image).append("content", new Binary(content)));
            return new Stored(image, true);
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return new Stored(find(image.id()).orElseThrow(() -> e), false); // a concurrent upload won
            }
            throw e;
        }
    }

    @Override
    public Optional<SealImage> find(String id) {
        return Optional.ofNullable(images.find(Filters.eq("_id", id))
                        .projection(WITHOUT_CONTENT)
                        .first())
                .map(MongoSealImageLibrary::toDomain);
    }

    @Override
    public Optional<byte[]> content(String id) {
        return Optional.ofNullable(images.find(Filters.eq("_id", id))
                        .projection(Projections.include("content"))
                        .first())
                .map(d -> d.get("content", Binary.class).getData());
    }

    @Override
    public List<SealImage> list(Optional<String> organisationCode, int limit) {
        Bson filter = organisationCode
                .map(code -> Filters.eq("organisationCode", code))
                .orElse(new Document());
        List<SealImage> result = new ArrayList<>();
        images.find(filter)
                .projection(WITHOUT_CONTENT)
                .sort(Sorts.descending("createdAt"))
                .limit(limit)
                .forEach(d -> result.add(toDomain(d)));
        return result;
    }

    static Document toDocument(SealImage i) {
        Document d = new Document("_id", i.id())
                .append("mediaType", i.format().mediaType())
                .append("format", i.format().name())
                .append("sizeBytes", i.sizeBytes())
                .append("width", i.width())
                .append("height", i.height())
                .append("unit", i.unit())
                .append("origin", i.origin().name())
                .append("uploader", i.uploader())
                .append("createdAt", Date.from(i.createdAt()));
        i.organisationCode().ifPresent(code -> d.append("organisationCode", code));
        i.design()
                .ifPresent(s -> d.append(
                        "design",
                        new Document("type", s.type().code())
                                .append("name", s.name())
                                .append("purpose", s.purpose())
                                .append("sealNumber", s.sealNumber())
                                .append("widthMm", s.widthMm())
                                .append("heightMm", s.heightMm())));
        i.dpi().ifPresent(dpi -> d.append("dpi", dpi));
        return d;
    }

    static SealImage toDomain(Document d) {
        Optional<SealDesign> design = Optional.ofNullable(d.get("design", Document.class))
                .map(s -> new SealDesign(
                        SealType.parse(s.getString("type")).orElseThrow(),
                        s.getString("name"),
                        s.getString("purpose"),
                        s.getString("sealNumber"),
                        ((Number) s.get("widthMm")).doubleValue(),
                        ((Number) s.get("heightMm")).doubleValue()));
        Integer dpi = d.getInteger("dpi");
        return new SealImage(
                d.getString("_id"),
                ImageFormat.valueOf(d.getString("format")),
                ((Number) d.get("sizeBytes")).longValue(),
                ((Number) d.get("width")).doubleValue(),
                ((Number) d.get("height")).doubleValue(),
                Origin.valueOf(d.getString("origin")),
                d.getString("uploader"),
                d.getDate("createdAt").toInstant(),
                Optional.ofNullable(d.getString("organisationCode")),
                design,
                dpi == null ? OptionalInt.empty() : OptionalInt.of(dpi));
    }
}
