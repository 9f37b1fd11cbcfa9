package cn.zhengyin.service.scheduling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * A task a service runs again and again while it is up, {@code delay} after each run ends, on one daemon thread of its
 * own named {@code threadName}; started and stopped with the application context. A run that throws ends the
 * repetition (as {@link ScheduledExecutorService#scheduleWithFixedDelay} does), so the task catches what it can
 * recover from itself.
 */
public class FixedDelayTask implements SmartLifecycle {

    private final String threadName;
    private final Duration delay;
    private final Runnable task;
    private ScheduledExecutorService executor;

    public FixedDelayTask(String threadName, Duration delay, Runnable task) {
        this.threadName = threadName;
        this.delay = delay;
        this.task = task;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = delay.toMillis();
        executor.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
