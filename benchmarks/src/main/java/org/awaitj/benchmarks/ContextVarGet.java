package org.awaitj.benchmarks;

import static org.awaitj.AsyncIO.result;

import java.util.concurrent.TimeUnit;
import org.awaitj.ContextVar;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.annotations.Async;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code ContextVar.get()} beside {@code ThreadLocal.get()}: {@link Sizes#OPS} reads per invocation, inside one
 * task's step (where a ContextVar lives in the running task's context: the running loop, its current task, an
 * array read) and on a plain thread (a thread-local, the fallback outside loops). The score is per read; the
 * task's creation and one step are shared by {@link Sizes#OPS} reads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ContextVarGet {
    static final ContextVar<String> VAR = new ContextVar<>("benchmark");
    static final ThreadLocal<String> LOCAL = new ThreadLocal<>();

    private EventLoop loop;

    @Setup(Level.Trial)
    public void setup() {
        loop = new EventLoop();
        LOCAL.set("value");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loop.close();
        LOCAL.remove();
    }

    @Async
    static Coroutine<Void> readsInATask(int n, Blackhole bh) {
        VAR.set("value");
        for (int i = 0; i < n; i++) {
            bh.consume(VAR.get());
        }
        return result();
    }

    @Async
    static Coroutine<Void> threadLocalReadsInATask(int n, Blackhole bh) {
        for (int i = 0; i < n; i++) {
            bh.consume(LOCAL.get());
        }
        return result();
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void contextVarInTask(Blackhole bh) {
        loop.runUntilComplete(readsInATask(Sizes.OPS, bh));
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void threadLocalInTask(Blackhole bh) {
        loop.runUntilComplete(threadLocalReadsInATask(Sizes.OPS, bh));
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void contextVarOnPlainThread(Blackhole bh) {
        try (ContextVar.Token<String> t = VAR.set("value")) {
            for (int i = 0; i < Sizes.OPS; i++) {
                bh.consume(VAR.get());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void threadLocalOnPlainThread(Blackhole bh) {
        for (int i = 0; i < Sizes.OPS; i++) {
            bh.consume(LOCAL.get());
        }
    }
}
