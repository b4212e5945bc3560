package org.awaitj.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitj.AsyncIO;
import org.awaitj.benchmarks.ea.EaWorkloads;
import org.awaitj.benchmarks.kotlin.KotlinWorkloads;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 7: heap bytes per parked task, with {@link Sizes#TASKS} tasks awaiting one future. Heap in use is
 * read with MemoryMXBean after System.gc() (see {@link HeapMeter}) with nothing parked, with every task
 * parked, and after they finished; the secondary results {@code bytesPerTask} ({@code (parked - after) / n})
 * and {@code bytesPerTaskInclRetained} ({@code (parked - before) / n}) are the figures; the time is only how
 * long it took. Each system parks its own kind of task: an awaitj task on a Future, a Kotlin coroutine
 * ({@code launch}) on a CompletableDeferred, a virtual thread in {@code CompletableFuture.join()}, a
 * CompletableFuture continuation ({@code thenApply}), an ea-async method in {@code await}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(1)
public class ParkedMemory {

    /** The figures of one measurement, reported by JMH as secondary results of each iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Bytes {
        public double bytesPerTask;
        public double bytesPerTaskInclRetained;

        void record(HeapMeter m) {
            bytesPerTask = (double) (m.parked - m.after) / Sizes.TASKS;
            bytesPerTaskInclRetained = (double) (m.parked - m.before) / Sizes.TASKS;
        }
    }

    @Benchmark
    public void awaitj(Bytes out) {
        HeapMeter m = new HeapMeter();
        AsyncIO.run(AwaitjWorkloads.parked(Sizes.TASKS, m));
        out.record(m);
    }

    @Benchmark
    public void kotlin(Bytes out) {
        HeapMeter m = new HeapMeter();
        KotlinWorkloads.parked(Sizes.TASKS, m::before, m::parked, m::after);
        out.record(m);
    }

    @Benchmark
    public void virtualThread(Bytes out) throws InterruptedException {
        HeapMeter m = new HeapMeter();
        m.before();
        CompletableFuture<Object> f = new CompletableFuture<>();
        AtomicInteger started = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(Sizes.TASKS);
        Runnable body = () -> {
            started.incrementAndGet();
            f.join();
            finished.countDown();
        };
        for (int i = 0; i < Sizes.TASKS; i++) {
            VirtualThreads.start(body);
        }
        while (started.get() < Sizes.TASKS) {
            Thread.sleep(10);
        }
        Thread.sleep(200);      // the last ones finish parking (one carrier, nothing else to run)
        m.parked();
        f.complete(null);
        finished.await();
        m.after();
        out.record(m);
    }

    @Benchmark
    public void completableFuture(Bytes out) {
        HeapMeter m = new HeapMeter();
        m.before();
        CompletableFuture<Object> f = new CompletableFuture<>();
        Function<Object, Object> identity = v -> v;
        for (int i = 0; i < Sizes.TASKS; i++) {
            f.thenApply(identity);
        }
        m.parked();
        f.complete(null);
        m.after();
        out.record(m);
    }

    @Benchmark
    public void eaAsync(Bytes out) {
        HeapMeter m = new HeapMeter();
        m.before();
        CompletableFuture<Object> f = new CompletableFuture<>();
        for (int i = 0; i < Sizes.TASKS; i++) {
            EaWorkloads.waiter(f);
        }
        m.parked();
        f.complete(null);
        m.after();
        out.record(m);
    }
}
