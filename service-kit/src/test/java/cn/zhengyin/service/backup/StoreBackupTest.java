package cn.zhengyin.service.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.service.store.InMemoryMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class StoreBackupTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final InMemoryMongo mongo = new InMemoryMongo();

    private MongoClient client;

    @BeforeEach
    void client() {
        client = mongo.client();
    }

    private MongoDatabase filled() {
        MongoDatabase db = client.getDatabase("licence-service");
        List<Document> versions = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            versions.add(new Document("_id", "V-" + i)
                    .append("version", i)
                    .append("serial", 20260000000L + i)
                    .append("createdAt", new Date(1_790_000_000_000L + i))
                    .append("holder", "示范市第" + i + "号公司"));
        }
        db.getCollection("licence_versions").insertMany(versions);
        db.getCollection("files").insertOne(new Document("_id", "f1").append("content", new Binary(new byte[] {
                    0, 1, 2, (byte) 0xff, 37, 80, 68, 70
                })));
        db.getCollection("licences")
                .insertOne(new Document("_id", "R1")
                        .append(
                                "events",
                                List.of(new Document("type", "ISSUED").append("at", new Date(1_790_000_000_000L)))));
        return db;
    }

    @Test
    void aBackupRestoresEveryCollectionWithItsTypesIntoAnEmptyDatabase() {
        MongoDatabase source = filled();
        StoreBackup.Manifest made = StoreBackup.backup(source, tmp.resolve("b"));
        assertThat(made.collections())
                .extracting(StoreBackup.CollectionEntry::name)
                .containsExactly("files", "licence_versions", "licences");
        assertThat(made.documents()).isEqualTo(452);

        MongoDatabase target = client.getDatabase("restored");
        StoreBackup.restore(tmp.resolve("b"), target, false);

        for (String name : List.of("files", "licence_versions", "licences")) {
            assertThat(target.getCollection(name)
                            .find()
                            .sort(new Document("_id", 1))
                            .into(new ArrayList<>()))
                    .as(name)
                    .isEqualTo(source.getCollection(name)
                            .find()
                            .sort(new Document("_id", 1))
                            .into(new ArrayList<>()));
        }
        Document file = target.getCollection("files").find().first();
        assertThat(file.get("content", Binary.class).getData()).containsExactly(0, 1, 2, 0xff, 37, 80, 68, 70);
        assertThat(target.getCollection("licence_versions")
                        .find(new Document("_id", "V-7"))
                        .first()
                        .get("serial"))
                .isInstanceOf(Long.class);
        assertThat(StoreBackup.readManifest(tmp.resolve("b"))).isEqualTo(made);
    }

    @Test
    void aCollectionLargerThanOneReplyIsBackedUpWholeAndRestored() {
        // 60 licence-file-like documents of 1 MB: over the driver's 48 MB limit for one reply, which is what a plain
        // find() gets from the embedded store (it answers a query in one piece) — a 100,000-licence store holds 20 GB.
        MongoDatabase source = client.getDatabase("licence-service");
        byte[] content = new byte[1 << 20];
        for (int i = 0; i < 60; i++) {
            content[0] = (byte) i;
            source.getCollection("licence_files")
                    .insertOne(new Document("_id", "F-" + i).append("content", new Binary(content.clone())));
        }

        StoreBackup.Manifest made = StoreBackup.backup(source, tmp.resolve("b"));
        assertThat(made.documents()).isEqualTo(60);
        MongoDatabase target = client.getDatabase("restored");
        StoreBackup.restore(tmp.resolve("b"), target, false);

        assertThat(target.getCollection("licence_files").countDocuments()).isEqualTo(60);
        for (int i : new int[] {0, 31, 59}) {
            byte[] restored = target.getCollection("licence_files")
                    .find(new Document("_id", "F-" + i))
                    .first()
                    .get("content", Binary.class)
                    .getData();
            assertThat(restored).hasSize(1 << 20);
            assertThat(restored[0]).isEqualTo((byte) i);
        }
    }

    @Test
    void aNonEmptyDatabaseIsRefusedUnlessForced() {
        MongoDatabase source = filled();
        StoreBackup.backup(source, tmp.resolve("b"));
        source.getCollection("licences").insertOne(new Document("_id", "R2"));

        assertThatThrownBy(() -> StoreBackup.restore(tmp.resolve("b"), source, false))
                .isInstanceOf(StoreBackup.BackupException.class)
                .hasMessageContaining("is not empty");

        StoreBackup.restore(tmp.resolve("b"), source, true);
        assertThat(source.getCollection("licences").countDocuments()).isEqualTo(1);
    }

    @Test
    void aChangedBackupFileIsRefusedBeforeAnythingIsWritten() throws Exception {
        StoreBackup.backup(filled(), tmp.resolve("b"));
        Path file = tmp.resolve("b").resolve("licences.jsonl.gz");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);

        MongoDatabase target = client.getDatabase("restored");
        assertThatThrownBy(() -> StoreBackup.restore(tmp.resolve("b"), target, false))
                .isInstanceOf(StoreBackup.BackupException.class)
                .hasMessageContaining("licences.jsonl.gz has SHA-256");
        assertThat(target.listCollectionNames().into(new ArrayList<>())).isEmpty();
    }

    @Test
    void aBackupIsNotWrittenOverAnother() {
        StoreBackup.backup(filled(), tmp.resolve("b"));
        assertThatThrownBy(() -> StoreBackup.backup(client.getDatabase("licence-service"), tmp.resolve("b")))
                .isInstanceOf(StoreBackup.BackupException.class)
                .hasMessageContaining("holds a backup already");
    }
}
