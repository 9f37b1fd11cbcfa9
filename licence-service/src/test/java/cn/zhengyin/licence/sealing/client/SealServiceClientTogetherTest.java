package cn.zhengyin.licence.sealing.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.licence.sealing.LicenceSealer.SealingFailedException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The sealings of one licence run at the same time, answer in order and fail as the first failing one (in order). */
class SealServiceClientTogetherTest {
    private final SealServiceClient client = new SealServiceClient(RestClient.create("http://localhost:9"));

    @Test
    void eachSealingsResultInOrderEachOnItsOwnThread() {
        ConcurrentHashMap<String, Thread> ranOn = new ConcurrentHashMap<>();
        List<Supplier<String>> sealings =
                List.of(() -> ran("pdf", ranOn), () -> ran("xml", ranOn), () -> ran("ofd", ranOn));
        assertThat(client.together(sealings)).containsExactly("sealed pdf", "sealed xml", "sealed ofd");
        assertThat(ranOn.get("pdf")).isSameAs(Thread.currentThread());
        assertThat(ranOn.get("xml")).isNotSameAs(Thread.currentThread()).isNotSameAs(ranOn.get("ofd"));
    }

    @Test
    void theFirstFailureInOrderIsThrownOnceAllHaveEnded() {
        SealingFailedException refused = new SealingFailedException("seal revoked", false, null);
        List<Supplier<String>> sealings = List.of(
                () -> "sealed pdf",
                () -> {
                    throw refused;
                },
                () -> {
                    throw new IllegalStateException("the OFD could not be rendered");
                });
        assertThatThrownBy(() -> client.together(sealings)).isSameAs(refused);
    }

    private static String ran(String what, ConcurrentHashMap<String, Thread> ranOn) {
        ranOn.put(what, Thread.currentThread());
        return "sealed " + what;
    }
}
