package reportqa.retrieval.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads named {@code prefix-1}, {@code prefix-2}, … that never keep a JVM up: the pools of the
 * search and indexing paths work for a caller who waits for them, so nothing is lost when the
 * process ends under them.
 */
public final class DaemonThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger made = new AtomicInteger();

    public DaemonThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread t = new Thread(task, prefix + "-" + made.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
