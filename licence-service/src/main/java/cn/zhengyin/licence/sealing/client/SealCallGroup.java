package cn.zhengyin.licence.sealing.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The seal-service calls of the sealings of one licence (its PDF, XML and OFD, run at the same time), held until every
 * sealing still running has a call waiting, then sent together in one request (issue #18). The three signatures thus
 * travel in one request and the time-stamps that follow from them (the PDF's document time-stamp, the XML's signature
 * time-stamp) in one more, whatever order the sealings reach them in — where a {@link SealCallBatcher} alone sends a
 * lone call at once. A sealing that ends {@link #leave leaves} the group, so the others never wait for it. Each call
 * still gets its own answer or failure. Thread-safe; participants block.
 *
 * @param <I> a call
 * @param <R> its result
 */
final class SealCallGroup<I, R> {
    private final Function<List<I>, List<SealCallBatcher.Answer<R>>> send;
    private final List<Pending<I, R>> waiting = new ArrayList<>();
    private int running;
    private int requests;

    /**
     * @param participants how many sealings take part (each must {@link #leave} when it ends, however it ends)
     * @param send         sends calls together (e.g. {@link SealCallBatcher#callAll}), one answer per call in order
     */
    SealCallGroup(int participants, Function<List<I>, List<SealCallBatcher.Answer<R>>> send) {
        if (participants < 1) {
            throw new IllegalArgumentException("a group has at least one participant");
        }
        this.running = participants;
        this.send = send;
    }

    private static final class Pending<I, R> {
        final I call;
        SealCallBatcher.Answer<R> answer;

        Pending(I call) {
            this.call = call;
        }
    }

    /** Waits until every running participant has a call waiting (or has left), sends them together, answers this one. */
    R call(I call) {
        Pending<I, R> mine = new Pending<>(call);
        List<Pending<I, R>> together;
        synchronized (this) {
            waiting.add(mine);
            together = takeIfComplete();
        }
        if (together != null) {
            send(together);
        }
        boolean interrupted = false;
        try {
            synchronized (this) {
                while (mine.answer == null) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true; // the call is waiting or on its way: wait for its answer
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return mine.answer.get();
    }

    /** A participant has ended: the calls of the others no longer wait for it. */
    void leave() {
        List<Pending<I, R>> together;
        synchronized (this) {
            running--;
            together = takeIfComplete();
        }
        if (together != null) {
            send(together);
        }
    }

    /** Calls waiting for the other participants (for tests). */
    synchronized int waiting() {
        return waiting.size();
    }

    /** Requests this group has sent (for tests). */
    synchronized int requests() {
        return requests;
    }

    private List<Pending<I, R>> takeIfComplete() {
        if (waiting.isEmpty() || waiting.size() < running) {
            return null;
        }
        List<Pending<I, R>> together = new ArrayList<>(waiting);
        waiting.clear();
        requests++;
        return together;
    }

    private void send(List<Pending<I, R>> together) {
        List<SealCallBatcher.Answer<R>> answers;
        try {
            answers = send.apply(together.stream().map(p -> p.call).toList());
            if (answers == null || answers.size() != together.size()) {
                answers = failed(
                        together.size(),
                        new IllegalStateException("the " + together.size() + " calls were answered with "
                                + (answers == null ? "nothing" : answers.size() + " answers")));
            }
        } catch (RuntimeException e) {
            answers = failed(together.size(), e);
        } catch (Error e) {
            answers = failed(together.size(), new IllegalStateException("the calls failed: " + e, e));
        }
        synchronized (this) {
            for (int i = 0; i < together.size(); i++) {
                together.get(i).answer = answers.get(i);
            }
            notifyAll();
        }
    }

    private static <R> List<SealCallBatcher.Answer<R>> failed(int n, RuntimeException failure) {
        List<SealCallBatcher.Answer<R>> answers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            answers.add(new SealCallBatcher.Answer<>(null, failure));
        }
        return answers;
    }
}
