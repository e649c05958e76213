package io.lintel.core.inject;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process-wide executor for blocking work handed to plugins ({@code PluginContext.blockingExecutor()}): daemon
 * threads, never an event loop, created on demand.
 */
public final class BlockingExecutor {

    private static final ExecutorService SHARED = Executors.newCachedThreadPool(new DaemonThreads("lintel-blocking-"));

    private BlockingExecutor() {}

    public static ExecutorService shared() {
        return SHARED;
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger next = new AtomicInteger();

        DaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
