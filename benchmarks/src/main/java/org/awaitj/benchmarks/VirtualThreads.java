package org.awaitj.benchmarks;

import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads, reached by reflection so that this module compiles for Java 17 (the build's level) and
 * the benchmarks of other systems run there too; on Java 21+ {@link #factory()} is
 * {@code Thread.ofVirtual().factory()}. The benchmark JVMs run with
 * {@code -Djdk.virtualThreadScheduler.parallelism=1}: one carrier.
 */
public final class VirtualThreads {
    private static final ThreadFactory FACTORY = lookup();

    private VirtualThreads() {
    }

    private static ThreadFactory lookup() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** The virtual thread factory; fails on a JDK without virtual threads (before 21). */
    public static ThreadFactory factory() {
        if (FACTORY == null) {
            throw new UnsupportedOperationException("virtual threads need Java 21 or later; this is "
                    + System.getProperty("java.version"));
        }
        return FACTORY;
    }

    /** Starts a virtual thread. */
    public static Thread start(Runnable r) {
        Thread t = factory().newThread(r);
        t.start();
        return t;
    }

    /**
     * Runs {@code body} in a virtual thread and waits for it: the workloads run inside a virtual thread, so
     * that their joins and hand-offs stay on the one carrier (the benchmark's platform thread only waits).
     */
    public static void run(Runnable body) {
        Throwable[] failure = new Throwable[1];
        Thread t = start(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        join(t);
        if (failure[0] != null) {
            throw new IllegalStateException("virtual thread workload failed", failure[0]);
        }
    }

    public static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
