package cn.zhengyin.licence.issuance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.service.store.EmbeddedMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Serials are never handed out twice, also under concurrent issuance on the embedded store. */
class MongoSerialNumberSourceTest {

    @Test
    void concurrentRequestsNeverGetTheSameSerial() throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoSerialNumberSource serials = new MongoSerialNumberSource(client.getDatabase("serial_test"));
            Set<String> seen = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> futures = new java.util.ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 50; i++) {
                            String serial = serials.next("11100000XF0000001X001", "11110100000000019Q", 2026);
                            assertThat(seen.add(serial))
                                    .as("serial handed out twice: " + serial)
                                    .isTrue();
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(seen).hasSize(400).contains("20260000001", "20260000400");
        }
    }
}
