package org.awaitj.agent.fuzz;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The differential fuzz test: random programs, each run rewritten by the agent and with every await evaluated
 * synchronously; results, exceptions and every logged side effect must agree. A fixed seed set runs by
 * default; a long run on demand:
 *
 * <pre>
 *   mvn test -pl agent -Dtest=DifferentialFuzzTest -Dawaitj.fuzz.count=200000 -Dawaitj.fuzz.seed=7
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

        List<List<Unit>> batches = new ArrayList<>();
        for (int first = 0; first < units; first += UNITS_PER_BATCH) {
            List<Unit> batch = new ArrayList<>();
            for (int i = first; i < Math.min(units, first + UNITS_PER_BATCH); i++) {
                batch.add(ProgramGenerator.generate(seed + i, METHODS_PER_UNIT));
            }
            batches.add(batch);
        }
        DifferentialRunner runner = new DifferentialRunner();
        List<DifferentialRunner.Failure> failures;
        try {
            failures = runner.runAll(batches, 20);
        } finally {
            runner.close();
        }
        long programs = runner.programs.sum();
        System.out.println("[fuzz] " + programs + " programs in " + units + " units from seed " + seed + ": "
                + failures.size() + " failures; " + runner.stats());
        if (!failures.isEmpty()) {
            fail(FailureReport.of(failures, minimize));
        }
    }
}
