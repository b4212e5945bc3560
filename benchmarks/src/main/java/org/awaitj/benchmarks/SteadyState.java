package org.awaitj.benchmarks;

import java.util.concurrent.TimeUnit;
import org.awaitj.benchmarks.ea.EaWorkloads;
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
 * What the steady-state workloads (1 to 5 and 8) share: average time per operation in nanoseconds, 3 warm-up and
 * 5 measured iterations of a second in one fork (the presets of {@link BenchMain} override these counts), and
 * the bare loop of the CompletableFuture and ea-async rows. JMH's annotations are inherited.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class SteadyState {
    /** The event loop of the CompletableFuture and ea-async rows, drained by the benchmark thread. */
    protected SameThreadExecutor loop;

    @Setup
    public void setUpLoop() {
        loop = new SameThreadExecutor();
        // checked in every fork, rows of ea-async or not: an await that ea-async did not rewrite blocks
        // instead of suspending, and its rows would measure something else
        if (!EaWorkloads.instrumented(loop)) {
            throw new IllegalStateException("ea-async did not instrument EaWorkloads at build time");
        }
    }
}
