package cn.zhengyin.licence.sealing.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Calls of concurrent callers share requests; a lone call is not held back; each item gets its own answer. */
class SealCallBatcherTest {
    private final List<List<String>> sent = Collections.synchronizedList(new ArrayList<>());
    /** Not the common pool: it has one thread on a 2-core machine, and the blocked first call would hold it. */
    private final java.util.concurrent.ExecutorService threads =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    @org.junit.jupiter.api.AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aLoneCallIsSentAtOnceAlone() {
        SealCallBatcher<String, String> batcher = new SealCallBatcher<>(this::echo, 1, 10);
        assertThat(batcher.call("a")).isEqualTo("signed a");
        assertThat(sent).containsExactly(List.of("a"));
        assertThat(batcher.counts()).containsExactly(1, 1);
    }

    @Test
    void callsMadeWhileARequestIsOnItsWayGoTogetherInTheNext() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SealCallBatcher<String, String> batcher = new SealCallBatcher<>(
                items -> {
                    if (items.contains("first")) {
                        await(release);
                    }
                    return echo(items);
                },
                1,
                10);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> batcher.call("first"), threads);
        waitUntil(() -> sent.isEmpty() && batcher.counts()[0] == 1);
        List<CompletableFuture<String>> others = new ArrayList<>();
        for (String item : List.of("b", "c", "d")) {
            others.add(CompletableFuture.supplyAsync(() -> batcher.call(item), threads));
        }
        waitUntil(() -> batcher.queued() == 3);
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("signed first");
        for (int i = 0; i < 3; i++) {
            assertThat(others.get(i).get(10, TimeUnit.SECONDS))
                    .isEqualTo("signed " + List.of("b", "c", "d").get(i));
        }
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).containsExactlyInAnyOrder("b", "c", "d");
        assertThat(batcher.counts()).containsExactly(2, 4);
    }

    @Test
    void callsSentTogetherTravelInOneRequestEvenAlone() {
        SealCallBatcher<String, String> batcher = new SealCallBatcher<>(this::echo, 2, 10);
        assertThat(batcher.callAll(List.of("pdf", "xml", "ofd")))
                .extracting(SealCallBatcher.Answer::get)
                .containsExactly("signed pdf", "signed xml", "signed ofd");
        assertThat(sent).containsExactly(List.of("pdf", "xml", "ofd"));
        assertThat(batcher.counts()).containsExactly(1, 3);
    }

    @Test
    void aBatchIsBoundedInSize() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SealCallBatcher<String, String> batcher = new SealCallBatcher<>(
                items -> {
                    if (items.contains("first")) {
                        await(release);
                    }
                    return echo(items);
                },
                1,
                2);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> batcher.call("first"), threads);
        waitUntil(() -> batcher.counts()[0] == 1);
        List<CompletableFuture<String>> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String item = "x" + i;
            others.add(CompletableFuture.supplyAsync(() -> batcher.call(item), threads));
        }
        waitUntil(() -> batcher.queued() == 5);
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<String> other : others) {
            other.get(10, TimeUnit.SECONDS);
        }
        assertThat(sent).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(2));
        assertThat(sent.stream().mapToInt(List::size).sum()).isEqualTo(6);
    }

    @Test
    void aFailedRequestFailsExactlyItsItems() {
        SealCallBatcher<String, String> batcher = new SealCallBatcher<>(
                items -> {
                    if (items.contains("bad")) {
                        throw new IllegalStateException("the seal service cannot be reached");
                    }
                    return echo(items);
                },
                1,
                10);
        assertThatThrownBy(() -> batcher.call("bad")).hasMessageContaining("cannot be reached");
        assertThat(batcher.call("good")).isEqualTo("signed good");
        SealCallBatcher<String, String> short_ = new SealCallBatcher<>(items -> List.of(), 1, 10);
        assertThatThrownBy(() -> short_.call("a")).hasMessageContaining("answered with 0 results");
    }

    private List<String> echo(List<String> items) {
        sent.add(List.copyOf(items));
        return items.stream().map(i -> "signed " + i).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
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
