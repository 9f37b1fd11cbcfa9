package cn.zhengyin.seal.image.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.seal.image.ImageFixtures;
import cn.zhengyin.seal.image.ImageFormat;
import cn.zhengyin.seal.image.ImageUploadPolicy;
import cn.zhengyin.seal.image.SealDesign;
import cn.zhengyin.seal.image.SealImage;
import cn.zhengyin.seal.image.SealImageLibrary;
import cn.zhengyin.seal.image.SealImageRenderer;
import cn.zhengyin.seal.image.SealImages;
import cn.zhengyin.service.store.EmbeddedMongoServer;
import cn.zhengyin.trust.font.CjkFonts;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MongoSealImageLibraryTest {
    static EmbeddedMongoServer server;
    static MongoClient client;
    static SealImageRenderer renderer = new SealImageRenderer(CjkFonts.songTi());

    @BeforeAll
    static void start() {
        server = EmbeddedMongoServer.inMemory();
        client = MongoClients.create(server.connectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private SealImages images(String database, Instant now) {
        return new SealImages(
                new MongoSealImageLibrary(client.getDatabase(database)),
                renderer,
                new ImageUploadPolicy(),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void sameBytesUploadedTwiceAreOneImageKeepingTheFirstUploader() {
        byte[] png = ImageFixtures.png(128, 128);
        SealImageLibrary.Stored first = images("idempotent", Instant.parse("2026-01-01T00:00:00Z"))
                .upload(png, Optional.of("a.png"), "alice", Optional.of("91110000000000000X"));
        SealImageLibrary.Stored again = images("idempotent", Instant.parse("2026-02-01T00:00:00Z"))
                .upload(png, Optional.of("b.png"), "bob", Optional.empty());
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.image()).isEqualTo(first.image());
        assertThat(first.image().id()).isEqualTo(SealImage.idOf(png)).matches(SealImage.ID_PATTERN);
        assertThat(again.image().uploader()).isEqualTo("alice");
        assertThat(images("idempotent", Instant.EPOCH).list(Optional.empty())).hasSize(1);
        assertThat(images("idempotent", Instant.EPOCH).content(first.image().id()))
                .hasValue(png);
    }

    @Test
    void generatedImagesRoundTripWithTheirDesignAndAreFilteredByOrganisation() {
        SealImages images = images("generated", Instant.parse("2026-03-01T08:00:00Z"));
        SealDesign design = SealDesign.specialPurposeSeal("证印示范市建设工程有限公司", "合同专用章", "1234567890123");
        SealImageLibrary.Stored svg = images.generate(design, ImageFormat.SVG, 300, "admin", Optional.of("ORG-A"));
        SealImageLibrary.Stored png = images.generate(design, ImageFormat.PNG, 300, "admin", Optional.of("ORG-B"));
        assertThat(images.generate(design, ImageFormat.SVG, 300, "admin", Optional.of("ORG-A"))
                        .created())
                .isFalse();

        SealImage stored = images.find(svg.image().id()).orElseThrow();
        assertThat(stored).isEqualTo(svg.image());
        assertThat(stored.design()).hasValue(design);
        assertThat(stored.width()).isEqualTo(40);
        assertThat(stored.unit()).isEqualTo("mm");
        SealImage raster = images.find(png.image().id()).orElseThrow();
        assertThat(raster.width()).isEqualTo(472);
        assertThat(raster.dpi()).hasValue(300);
        assertThat(images.list(Optional.of("ORG-A")))
                .extracting(SealImage::id)
                .containsExactly(svg.image().id());
        assertThat(images.png(stored, 300))
                .isEqualTo(images.content(png.image().id()).orElseThrow());
        assertThat(images.find("sha256:" + "0".repeat(64))).isEmpty();
    }
}
