package cn.zhengyin.seal.lifecycle;

import cn.zhengyin.seal.image.SealDesign;
import cn.zhengyin.seal.image.SealImageRenderer;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * {@link SealImageMaker} that renders the standard round seal with {@link SealImageRenderer} at 600 dpi and keeps
 * it in the {@code seal_default_images} collection under {@code sha256-<hex of the PNG>} (content-addressed, so
 * rendering again and storing is harmless). To be replaced by the seal image library.
 */
public final class RenderedSealImageMaker implements SealImageMaker {
    private final SealImageRenderer renderer;
    private final MongoCollection<Document> images;

    public RenderedSealImageMaker(SealImageRenderer renderer, MongoDatabase database) {
        this.renderer = renderer;
        this.images = database.getCollection("seal_default_images");
    }

    /** The standard design of a seal: organisation seal for type 01, else a 专用章 with the kind or type name. */
    public static SealDesign design(Seal seal) {
        if (seal.type() == SealType.ORGANISATION) {
            return SealDesign.organisationSeal(seal.organisation().name(), "");
        }
        String purpose = seal.kindName().isEmpty() ? seal.type().label() : seal.kindName();
        return SealDesign.specialPurposeSeal(seal.organisation().name(), purpose, "");
    }

    @Override
    public String makeDefaultImage(Seal seal) {
        byte[] png = renderer.renderPng(design(seal), 600);
        String id;
        try {
            id = "sha256-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        images.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("mediaType", "image/png")
                .append("png", new Binary(png)), new ReplaceOptions().upsert(true));
        return id;
    }

    @Override
    public Optional<byte[]> png(String imageId) {
        return Optional.ofNullable(images.find(Filters.eq("_id", imageId)).first())
                .map(d -> d.get("png", Binary.class).getData());
    }
}
