package org.awaitj;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An event loop's default executor, the pool that {@code toThread} (and the file and name-lookup work of
 * {@code org.awaitj.io}) runs on: daemon threads, asyncio's size (min(32, cores + 4)), made on first use.
 * Thread-safe: any thread may ask for it.
 */
final class DefaultExecutor {
    private ExecutorService pool;
    private boolean closed;

    /** The pool, made on first use; {@link IllegalStateException} once the loop is closed. */
    synchronized ExecutorService get() {
        if (closed) {
            throw new IllegalStateException("the default executor is shut down (shutdownDefaultExecutor, or the "
                    + "event loop is closed)");
        }
        if (pool == null) {
            int workers = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor p = new ThreadPoolExecutor(workers, workers, 10, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "awaitj-default-executor-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            p.allowCoreThreadTimeOut(true);
            pool = p;
        }
        return pool;
    }

    /**
     * {@code shutdownDefaultExecutor}: the pool takes no more work (what it runs finishes), and none is made any
     * more; returns it, to wait for, or null if it was never made.
     */
    synchronized ExecutorService shutdown() {
        closed = true;
        if (pool != null) {
            pool.shutdown();
        }
        return pool;
    }

    /** The loop closes: the pool takes no more work (what it runs finishes), and none is made any more. */
    synchronized void close() {
        shutdown();
    }
}
