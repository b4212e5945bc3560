package org.awaitj.benchmarks;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A bare single-threaded event loop for CompletableFuture and ea-async: an {@link ArrayDeque} of runnables
 * drained by the benchmark thread. {@code runAsync(r, this)} is their {@code sleep(0)}: the continuation runs
 * on a later turn, after the other ready work, on the same thread, with no lock and no thread hand-off.
 */
public final class SameThreadExecutor implements Executor {
    private static final Runnable NOOP = () -> { };
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();

    @Override
    public void execute(Runnable r) {
        ready.add(r);
    }

    /** Yields once: a future that completes on the next turn of this loop. */
    public CompletableFuture<Void> yieldNow() {
        return CompletableFuture.runAsync(NOOP, this);
    }

    /** Runs the queued work until {@code f} is done, and returns its value. */
    public <T> T runUntilComplete(CompletableFuture<T> f) {
        Runnable r;
        while (!f.isDone() && (r = ready.poll()) != null) {
            r.run();
        }
        if (!f.isDone()) {
            throw new IllegalStateException("nothing left to run and the future is not done");
        }
        return f.join();
    }
}
