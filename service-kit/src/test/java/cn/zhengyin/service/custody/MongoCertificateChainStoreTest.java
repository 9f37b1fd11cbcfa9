package cn.zhengyin.service.custody;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.service.store.EmbeddedMongoServer;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.testing.TestPki;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MongoCertificateChainStoreTest {

    @Test
    void storesReplacesAndRemovesChainsByKeyId() {
        Providers.bouncyCastle();
        TestPki pki = TestPki.create(Instant.parse("2026-11-21T08:00:00Z"));
        List<X509Certificate> chain = pki.signerKey().certificateChain();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCertificateChainStore store = new MongoCertificateChainStore(client.getDatabase("chains"));

            assertThat(store.find("k")).isEmpty();
            store.put("k", chain);
            assertThat(store.find("k")).contains(chain);
            store.put("k", chain.subList(0, 1));
            assertThat(store.find("k")).contains(chain.subList(0, 1));
            store.remove("k");
            store.remove("k");
            assertThat(store.find("k")).isEmpty();
        }
    }
}
