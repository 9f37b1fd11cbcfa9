package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue #18 (size): what one issued business licence stores in the licence service's embedded store — every document
 * that names the licence (registry record and versions with their renditions, holdings, log entries, audit events),
 * as BSON bytes per collection. Written to {@code target/stored-size.txt}; the test fails above 200 KB (175.7 KB measured) (the target,
 * 100 KB for everything of a licence, is not met: docs/performance.md "Size"). Documents that refer to the licence
 * only by a digest (a transparency log leaf) are not found this way; they are a few hundred bytes.
 */
class LicenceStoredSizeIT {

    @Test
    void oneBusinessLicenceStoresItsRenditionsAndRecords() throws Exception {
        TwoServices services = TwoServices.shared();
        JsonNode issued = new WalletFixture(services).issueSample("business-licence");
        byte[] identifier = issued.get("identifier").asString().getBytes(StandardCharsets.UTF_8);
        MongoDatabase database = services.licence.getBean(MongoDatabase.class);

        Map<String, long[]> byCollection = new TreeMap<>(); // documents, bytes
        for (String collection : database.listCollectionNames()) {
            try (MongoCursor<RawBsonDocument> documents = database.getCollection(collection, RawBsonDocument.class)
                    .find()
                    .iterator()) {
                while (documents.hasNext()) {
                    ByteBuffer bson = documents.next().getByteBuffer().asNIO();
                    if (contains(bson, identifier)) {
                        long[] sum = byCollection.computeIfAbsent(collection, c -> new long[2]);
                        sum[0]++;
                        sum[1] += bson.remaining();
                    }
                }
            }
        }
        long total = byCollection.values().stream().mapToLong(s -> s[1]).sum();
        StringBuilder report = new StringBuilder("collection documents bytes\n");
        byCollection.forEach((c, s) -> report.append(c)
                .append(' ')
                .append(s[0])
                .append(' ')
                .append(s[1])
                .append('\n'));
        report.append("total ").append(total).append('\n');
        Files.writeString(Path.of("target", "stored-size.txt"), report);

        assertThat(byCollection).as(report.toString()).isNotEmpty();
        assertThat(total).as(report.toString()).isBetween(20_000L, 200_000L);
    }

    private static boolean contains(ByteBuffer haystack, byte[] needle) {
        int end = haystack.limit() - needle.length;
        outer:
        for (int i = haystack.position(); i <= end; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack.get(i + k) != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
