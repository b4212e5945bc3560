package org.awaitj.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * Loops over asynchronous steps with plain CompletableFuture, written as a careful user would: no nested
 * thenCompose chain growing with the number of iterations; the next step starts when the previous one
 * completes.
 */
public final class CfLoops {
    private CfLoops() {
    }

    /** Runs {@code step.apply(i)} for i in [0, n), each after the previous one completed. */
    public static CompletableFuture<Void> repeat(int n, IntFunction<CompletableFuture<?>> step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        next(0, n, step, done);
        return done;
    }

    private static void next(int i, int n, IntFunction<CompletableFuture<?>> step, CompletableFuture<Void> done) {
        while (i < n) {
            CompletableFuture<?> f = step.apply(i++);
            if (!f.isDone()) {
                int from = i;
                f.whenComplete((v, e) -> {
                    if (e != null) {
                        done.completeExceptionally(e);
                    } else {
                        next(from, n, step, done);
                    }
                });
                return;
            }
        }
        done.complete(null);
    }
}
