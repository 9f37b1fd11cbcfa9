package cn.zhengyin.licence.sealing.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The calls of one licence's sealings wait for each other: one request once every running sealing has a call waiting,
 * however far apart in time they come; a sealing that ends holds nobody back; a failed request fails its calls.
 */
class SealCallGroupTest {
    private final List<List<String>> sent = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    /** A lone call goes at once through this batcher: only the group makes the calls travel together. */
    private final SealCallBatcher<String, String> batcher = new SealCallBatcher<>(this::echo, 2, 48);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void theSignaturesTravelInOneRequestAndTheTimeStampsInOneMore() throws Exception {
        SealCallGroup<String, String> group = new SealCallGroup<>(3, batcher::callAll);
        CompletableFuture<List<String>> pdf = participant(group, "pades", "document time-stamp");
        waitUntil(() -> group.waiting() == 1);
        CompletableFuture<List<String>> xml = participant(group, "xml", "signature time-stamp");
        waitUntil(() -> group.waiting() == 2);
        assertThat(sent)
                .as("nothing is sent while a sealing still prepares its call")
                .isEmpty();
        CompletableFuture<List<String>> ofd = participant(group, "ses");

        assertThat(pdf.get(10, TimeUnit.SECONDS)).containsExactly("signed pades", "signed document time-stamp");
        assertThat(xml.get(10, TimeUnit.SECONDS)).containsExactly("signed xml", "signed signature time-stamp");
        assertThat(ofd.get(10, TimeUnit.SECONDS)).containsExactly("signed ses");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).containsExactly("pades", "xml", "ses");
        assertThat(sent.get(1)).containsExactlyInAnyOrder("document time-stamp", "signature time-stamp");
        assertThat(group.requests()).isEqualTo(2);
        assertThat(batcher.counts()).containsExactly(2, 5);
    }

    @Test
    void aSealingThatEndsHoldsNobodyBack() throws Exception {
        SealCallGroup<String, String> group = new SealCallGroup<>(2, batcher::callAll);
        CompletableFuture<List<String>> pdf = participant(group, "pades");
        waitUntil(() -> group.waiting() == 1);
        assertThat(sent).isEmpty();
        group.leave(); // e.g. the other sealing failed before it called
        assertThat(pdf.get(10, TimeUnit.SECONDS)).containsExactly("signed pades");
        assertThat(sent).containsExactly(List.of("pades"));
    }

    @Test
    void aFailedRequestFailsEveryCallItCarried() throws Exception {
        SealCallGroup<String, String> group = new SealCallGroup<>(2, calls -> {
            throw new IllegalStateException("the seal service cannot be reached");
        });
        CompletableFuture<List<String>> pdf = participant(group, "pades");
        CompletableFuture<List<String>> xml = participant(group, "xml");
        for (CompletableFuture<List<String>> f : List.of(pdf, xml)) {
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasMessageContaining("cannot be reached");
        }
    }

    /** A sealing that makes these calls one after another, then ends. */
    private CompletableFuture<List<String>> participant(SealCallGroup<String, String> group, String... calls) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        List<String> answers = new ArrayList<>();
                        for (String call : calls) {
                            answers.add(group.call(call));
                        }
                        return answers;
                    } finally {
                        group.leave();
                    }
                },
                threads);
    }

    private List<String> echo(List<String> items) {
        sent.add(List.copyOf(items));
        return items.stream().map(i -> "signed " + i).toList();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 10 s");
            }
            Thread.sleep(1);
        }
    }
}
