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
    private static final System.Logger LOG = System.getLogger("org.awaitj");

    private ExecutorService pool;
    private boolean closed;

    /** The pool, made on first use; {@link IllegalStateException} once the loop is closed. */
    synchronized ExecutorService get() {
        if (pool == null) {
            if (closed) {
                throw new IllegalStateException("the event loop is closed");
            }
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

    /** Waits for the pool's threads to finish their work, as {@code asyncio.run} does on exit. */
    void shutdownAndWait() {
        ExecutorService p;
        synchronized (this) {
            p = pool;
        }
        if (p == null) {
            return;
        }
        p.shutdown();
        try {
            if (!p.awaitTermination(300, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "the default executor did not finish its work within 300 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The loop closes: the pool takes no more work (what it runs finishes), and none is made any more. */
    synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.shutdown();
        }
    }
}
