package cn.zhengyin.licence.sealing.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Sends the seal-service calls of concurrent callers together (issue #18): a caller's item is sent at once if fewer
 * than {@code maxInFlight} batches are on their way; otherwise it waits in a queue, and the next free caller sends
 * everything queued (up to {@code maxItems}) as one batch. A lone caller therefore never waits for company (no timer,
 * no added latency), and under load — concurrent issuances, the bulk import's workers, the three signatures and two
 * time-stamps of one licence — one HTTP request carries many items. Like group commit, the batch size follows the
 * load. Each item still gets its own result (or its own failure); a failed request fails exactly the items it carried.
 * Thread-safe; callers block (fine on virtual threads).
 *
 * @param <I> an item
 * @param <R> its result
 */
public final class SealCallBatcher<I, R> {
    private final Function<List<I>, List<R>> send;
    private final int maxInFlight;
    private final int maxItems;
    private final ArrayDeque<Pending<I, R>> queue = new ArrayDeque<>();
    private int inFlight;
    private long batches;
    private long items;

    /**
     * @param send        one request for a list of items; answers one result per item, in order, or throws (then
     *                    every item of the list fails with that exception)
     * @param maxInFlight how many requests may be on their way at once
     * @param maxItems    at most this many items in one request
     */
    public SealCallBatcher(Function<List<I>, List<R>> send, int maxInFlight, int maxItems) {
        if (maxInFlight < 1 || maxItems < 1) {
            throw new IllegalArgumentException("maxInFlight and maxItems must be at least 1");
        }
        this.send = send;
        this.maxInFlight = maxInFlight;
        this.maxItems = maxItems;
    }

    private static final class Pending<I, R> {
        final I item;
        boolean done;
        R result;
        RuntimeException failure;

        Pending(I item) {
            this.item = item;
        }
    }

    /** Sends {@code item} (alone or with others) and answers its result. */
    public R call(I item) {
        return callAll(List.of(item)).get(0).get();
    }

    /** An item's result, or the failure of the request that carried it. */
    public record Answer<R>(R result, RuntimeException failure) {
        /** @return the result, or throws the failure */
        public R get() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    /**
     * Sends {@code calls} together — queued at once, one after another, so they travel in one request unless more than
     * {@code maxItems} are queued — and answers each one's result or failure, in order. This is how the signatures of
     * one licence (PDF, XML, OFD) go in one request ({@link SealCallGroup}).
     */
    public List<Answer<R>> callAll(List<I> calls) {
        List<Pending<I, R>> mine = calls.stream().map(Pending<I, R>::new).toList();
        synchronized (this) {
            queue.addAll(mine);
        }
        boolean interrupted = false;
        try {
            while (true) {
                List<Pending<I, R>> batch = null;
                synchronized (this) {
                    while (!allDone(mine) && (inFlight >= maxInFlight || queue.isEmpty())) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            interrupted = true; // the items are queued or on their way: wait for their answers
                        }
                    }
                    if (allDone(mine)) {
                        return mine.stream()
                                .map(p -> new Answer<>(p.result, p.failure))
                                .toList();
                    }
                    inFlight++;
                    batch = new ArrayList<>(Math.min(queue.size(), maxItems));
                    while (!queue.isEmpty() && batch.size() < maxItems) {
                        batch.add(queue.pollFirst());
                    }
                    batches++;
                    items += batch.size();
                }
                sendAndAnswer(batch);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean allDone(List<? extends Pending<?, ?>> pendings) {
        for (Pending<?, ?> p : pendings) {
            if (!p.done) {
                return false;
            }
        }
        return true;
    }

    private void sendAndAnswer(List<Pending<I, R>> batch) {
        List<R> results = null;
        RuntimeException failure = null;
        try {
            results = send.apply(batch.stream().map(p -> p.item).toList());
            if (results == null || results.size() != batch.size()) {
                failure = new IllegalStateException("the batch of " + batch.size() + " items was answered with "
                        + (results == null ? "nothing" : results.size() + " results"));
            }
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failure = new IllegalStateException("the batch failed: " + e, e);
        }
        synchronized (this) {
            for (int i = 0; i < batch.size(); i++) {
                Pending<I, R> p = batch.get(i);
                if (failure != null) {
                    p.failure = failure;
                } else {
                    p.result = results.get(i);
                }
                p.done = true;
            }
            inFlight--;
            notifyAll();
        }
    }

    /** Items waiting for a request (for tests). */
    synchronized int queued() {
        return queue.size();
    }

    /** Requests sent and items they carried so far (for monitoring and tests). */
    public synchronized long[] counts() {
        return new long[] {batches, items};
    }
}
