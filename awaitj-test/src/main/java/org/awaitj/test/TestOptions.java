package org.awaitj.test;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * How {@link AsyncTesting#runTest(TestOptions, AsyncTestBody)} runs a test: its real-time watchdog, how many
 * schedules it explores, and the one schedule it replays. Immutable; each setter returns a copy.
 *
 * <p>The defaults come from system properties, so that a build can change them for every test:
 * {@code awaitj.test.watchdog} (seconds of real time, default 60) and {@code awaitj.test.schedules} (default 0).
 * {@code awaitj.test.seed} replays one schedule of each test that explores schedules.
 */
public final class TestOptions {
    static final String WATCHDOG_PROPERTY = "awaitj.test.watchdog";
    static final String SCHEDULES_PROPERTY = "awaitj.test.schedules";
    static final String SEED_PROPERTY = "awaitj.test.seed";

    private final double watchdogSeconds;
    private final int schedules;
    private final OptionalLong seed;

    private TestOptions(double watchdogSeconds, int schedules, OptionalLong seed) {
        if (!(watchdogSeconds > 0)) {
            throw new IllegalArgumentException("the watchdog must be a positive number of seconds: " + watchdogSeconds);
        }
        if (schedules < 0) {
            throw new IllegalArgumentException("the number of schedules to explore cannot be negative: " + schedules);
        }
        this.watchdogSeconds = watchdogSeconds;
        this.schedules = schedules;
        this.seed = seed;
    }

    /** The watchdog and schedules of the system properties, else 60 seconds and none. */
    public static TestOptions defaults() {
        String watchdog = System.getProperty(WATCHDOG_PROPERTY);
        return new TestOptions(watchdog == null ? 60 : Double.parseDouble(watchdog),
                Integer.getInteger(SCHEDULES_PROPERTY, 0), OptionalLong.empty());
    }

    /**
     * Fails the test once it has run this long in real time (virtual time aside), with the loop's tasks and where
     * each is suspended.
     */
    public TestOptions watchdog(double seconds) {
        return new TestOptions(seconds, schedules, seed);
    }

    public TestOptions watchdog(Duration duration) {
        return watchdog(duration.toNanos() / 1e9);
    }

    /**
     * Runs the test in FIFO order, then {@code n} more times, each with every turn's ready tasks in an order drawn
     * from a seed of its own; the first failing run fails the test and names its seed.
     */
    public TestOptions schedules(int n) {
        return new TestOptions(watchdogSeconds, n, seed);
    }

    /** Runs the test once, in the schedule of {@code seed}: replays what a failing exploration found. */
    public TestOptions seed(long seed) {
        return new TestOptions(watchdogSeconds, schedules, OptionalLong.of(seed));
    }

    public double watchdogSeconds() {
        return watchdogSeconds;
    }

    public int schedules() {
        return schedules;
    }

    /**
     * The schedule to replay: the one set here, else, for a test that explores schedules, the
     * {@code awaitj.test.seed} property's.
     */
    public OptionalLong seed() {
        if (seed.isPresent() || schedules == 0) {
            return seed;
        }
        String s = System.getProperty(SEED_PROPERTY);
        return s == null || s.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s.trim()));
    }

    @Override
    public String toString() {
        return "TestOptions[watchdog=" + watchdogSeconds + "s, schedules=" + schedules
                + (seed.isPresent() ? ", seed=" + seed.getAsLong() : "") + "]";
    }
}
