package org.awaitj.benchmarks.ea;

import static com.ea.async.Async.await;

import java.util.concurrent.CompletableFuture;
import org.awaitj.benchmarks.SameThreadExecutor;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The ea-async 1.2.3 side of the workloads. ea-async's bytecode reader stops at Java 13, so this source
 * folder is compiled for Java 11 in a compiler execution of its own and rewritten at build time by
 * ea-async-maven-plugin (the instrumented classes then run on any JDK, 25 included). The event loop is a
 * {@link SameThreadExecutor} drained by the benchmark thread, the same bare loop the CompletableFuture rows
 * use; a suspension is {@code await(loop.yieldNow())}.
 */
public final class EaWorkloads {
    private EaWorkloads() {
    }

    /** True once ea-async rewrote this class: an uninstrumented await would block instead of suspending. */
    public static boolean instrumented(SameThreadExecutor loop) {
        CompletableFuture<Boolean> f = probe(loop);
        boolean suspended = !f.isDone();
        loop.runUntilComplete(f);
        return suspended;
    }

    private static CompletableFuture<Boolean> probe(SameThreadExecutor loop) {
        CompletableFuture<Void> pending = loop.yieldNow();
        if (pending.isDone()) {
            return CompletableFuture.completedFuture(false);
        }
        await(pending);
        return CompletableFuture.completedFuture(true);
    }

    // (1) await of an async call that returns without suspending

    public static CompletableFuture<Object> leaf(Object x, boolean suspend, SameThreadExecutor loop) {
        if (suspend) {
            await(loop.yieldNow());
        }
        return CompletableFuture.completedFuture(x);
    }

    public static CompletableFuture<Void> awaitLeaves(int n, Object x, Blackhole bh, SameThreadExecutor loop) {
        for (int i = 0; i < n; i++) {
            bh.consume(await(leaf(x, false, loop)));
        }
        return CompletableFuture.completedFuture(null);
    }

    // (2) two async methods ping-ponging through the loop

    public static CompletableFuture<Void> yielder(int n, SameThreadExecutor loop) {
        for (int i = 0; i < n; i++) {
            await(loop.yieldNow());
        }
        return CompletableFuture.completedFuture(null);
    }

    // (7) parked: an async method awaiting one future

    public static CompletableFuture<Object> waiter(CompletableFuture<Object> f) {
        return CompletableFuture.completedFuture(await(f));
    }

    // (8) an await chain `depth` deep that suspends at the bottom

    public static CompletableFuture<Integer> chain(int depth, SameThreadExecutor loop) {
        if (depth == 1) {
            await(loop.yieldNow());
            return CompletableFuture.completedFuture(1);
        }
        return CompletableFuture.completedFuture(await(chain(depth - 1, loop)) + 1);
    }

    public static CompletableFuture<Void> chains(int n, int depth, Blackhole bh, SameThreadExecutor loop) {
        for (int i = 0; i < n; i++) {
            bh.consume(await(chain(depth, loop)));
        }
        return CompletableFuture.completedFuture(null);
    }
}
