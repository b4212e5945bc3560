package org.awaitj.agent.fuzz;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The differential fuzz test: random programs, each run rewritten by the agent and with every await evaluated
 * synchronously; results, exceptions and every logged side effect must agree. A fixed seed set runs by
 * default (2400 base programs from seed 1, and the programs of the {@link Feature}s their units have); a long
 * run on demand, with a time budget if need be:
 *
 * <pre>
 *   integration-tests/fuzz.sh --count 200000 --seed 1000000 [--minutes 15] [--features classes,bridges]
 * </pre>
 *
 * A failure names the unit's seed (rerun exactly that unit with {@code -Dawaitj.fuzz.seed=S
 * -Dawaitj.fuzz.count=1}) and shows the failing program reduced to what still fails
 * ({@code -Dawaitj.fuzz.minimize=false} to skip that).
 */
class DifferentialFuzzTest {
    /** Programs (generated methods) per unit: javac's cost is per call, so many share one. */
    static final int METHODS_PER_UNIT = 24;
    /** Units per javac call. */
    static final int UNITS_PER_BATCH = 8;

    @Test
    void rewrittenProgramsBehaveAsIfEveryAwaitRanSynchronously() {
        long seed = Long.getLong("awaitj.fuzz.seed", 1);
        int count = Integer.getInteger("awaitj.fuzz.count", 2400);
        boolean minimize = Boolean.parseBoolean(System.getProperty("awaitj.fuzz.minimize", "true"));
        int units = Math.max(1, (count + METHODS_PER_UNIT - 1) / METHODS_PER_UNIT);
        // a long run may be given a time budget: it stops after the batch that passes it
        long minutes = Long.getLong("awaitj.fuzz.minutes", 0);
        long start = System.nanoTime();
        long deadline = minutes > 0 ? start + minutes * 60_000_000_000L : Long.MAX_VALUE;
        int[] done = {0};

        // generated as they are compiled: a long run keeps only a few batches in memory
        java.util.Iterator<List<Unit>> batches = new java.util.Iterator<>() {
            int first;

            @Override
            public boolean hasNext() {
                return first < units && System.nanoTime() < deadline;
            }

            @Override
            public List<Unit> next() {
                List<Unit> batch = new ArrayList<>();
                for (int i = first; i < Math.min(units, first + UNITS_PER_BATCH); i++) {
                    batch.add(ProgramGenerator.generate(seed + i, METHODS_PER_UNIT));
                }
                first += UNITS_PER_BATCH;
                done[0] = Math.min(units, first);
                return batch;
            }
        };
        DifferentialRunner runner = new DifferentialRunner();
        if (units > 1000) {
            long[] reported = {start};
            runner.progress = failed -> {
                long now = System.nanoTime();
                if (now - reported[0] > 60_000_000_000L) {
                    reported[0] = now;
                    System.out.printf("[fuzz] progress: %d programs, units of seeds %d..%d compiled, %d failures, %d s%n",
                            runner.programs.sum(), seed, seed + done[0] - 1, failed, (now - start) / 1_000_000_000L);
                }
            };
        }
        List<DifferentialRunner.Failure> failures;
        try {
            failures = runner.runAll(batches, 20);
        } finally {
            runner.close();
        }
        long programs = runner.programs.sum();
        System.out.println("[fuzz] " + programs + " programs in " + done[0] + " units from seed " + seed + " (seeds "
                + seed + ".." + (seed + done[0] - 1) + ", " + (System.nanoTime() - start) / 1_000_000_000L + " s, JDK "
                + Runtime.version().feature() + "): " + failures.size() + " failures; " + runner.stats());
        if (!failures.isEmpty()) {
            fail(FailureReport.of(failures, minimize));
        }
    }
}
