package org.awaitj.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.awaitj.AsyncIO;
import org.awaitj.benchmarks.kotlin.KotlinWorkloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 6: {@link Sizes#TASKS} tasks sleeping random durations in [0, 1 s) (the same durations for every
 * system, whole milliseconds), on the real clock; the score is the wall time until the last one is done, so
 * at least about a second: what exceeds one second is the cost of creating, timing and finishing the tasks.
 * One measurement per iteration (single shot).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class Sleepers {
    private static final Runnable NOOP = () -> { };
    private int[] millis;

    @Setup
    public void setup() {
        millis = Sizes.sleepMillis();
    }

    @Benchmark
    public void awaitj() {
        AsyncIO.run(AwaitjWorkloads.sleepers(millis));
    }

    @Benchmark
    public void kotlin() {
        KotlinWorkloads.sleepers(millis);
    }

    @Benchmark
    public void virtualThread() {
        int[] ms = millis;
        VirtualThreads.run(() -> {
            Thread[] ts = new Thread[ms.length];
            for (int i = 0; i < ms.length; i++) {
                long sleep = ms[i];
                ts[i] = VirtualThreads.start(() -> {
                    try {
                        Thread.sleep(sleep);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            for (Thread t : ts) {
                VirtualThreads.join(t);
            }
        });
    }

    /** One timer thread (CompletableFuture's delayer) completes every future; the benchmark thread waits. */
    @Benchmark
    public void completableFuture() {
        Executor direct = Runnable::run;
        CompletableFuture<?>[] fs = new CompletableFuture<?>[millis.length];
        for (int i = 0; i < fs.length; i++) {
            fs[i] = CompletableFuture.runAsync(NOOP,
                    CompletableFuture.delayedExecutor(millis[i], TimeUnit.MILLISECONDS, direct));
        }
        CompletableFuture.allOf(fs).join();
    }
}
