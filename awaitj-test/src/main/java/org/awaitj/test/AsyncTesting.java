package org.awaitj.test;

import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Runs a test's coroutine, the way {@code AsyncIO.run} runs a program's, with what a test wants on top:
 * <ul>
 * <li>a fresh event loop per run, closed at the end after the tasks still pending are cancelled;</li>
 * <li>virtual time: when nothing is ready the clock jumps to the next timer, so {@code sleep(3600)} takes no time,
 *     except while the loop waits on work elsewhere (a thread, a worker process, a socket, a future someone else
 *     completes): then it waits for it in real time, up to the next timer;</li>
 * <li>debug mode, and the test fails, naming the source line, on an exception never retrieved, a coroutine never
 *     awaited, a blocking call on the loop, or a task still pending when the test's coroutine returns;</li>
 * <li>a real-time watchdog (60 s unless configured) whose failure shows the loop's tasks;</li>
 * <li>on request, schedule exploration: the test runs again under other orders of each turn's ready tasks, and a
 *     failing order is named by a seed that replays it.</li>
 * </ul>
 *
 * <pre>{@code
 * @Test
 * void sleepsFiveSeconds() {
 *     runTest(this::sleepsFiveSeconds);
 * }
 *
 * @Async
 * Coroutine<Void> sleepsFiveSeconds(TestLoop loop) {
 *     await(sleep(5));
 *     assertEquals(5.0, loop.time());
 *     return result();
 * }
 * }</pre>
 */
public final class AsyncTesting {
    /** The options of the {@link AsyncTest} method running on this thread, and whether it ran a coroutine. */
    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

    private AsyncTesting() {
    }

    /**
     * Runs the test's coroutine with the options of the {@link AsyncTest} method that calls this, else with
     * {@link TestOptions#defaults()}; returns its result, or throws its exception unchanged.
     */
    public static <T> T runTest(AsyncTestBody<T> body) {
        Scope scope = SCOPE.get();
        return runTest(scope != null ? scope.options : TestOptions.defaults(), body);
    }

    /**
     * Runs the test's coroutine with {@code options}: once in FIFO order, then once more per schedule to explore
     * (or once in the one schedule to replay); returns the FIFO run's result, or throws the first failure. A
     * failure under another schedule says which seed replays it.
     */
    public static <T> T runTest(TestOptions options, AsyncTestBody<T> body) {
        Scope scope = SCOPE.get();
        if (scope != null) {
            scope.ran = true;
        }
        long deadline = System.nanoTime() + (long) (options.watchdogSeconds() * 1e9);
        OptionalLong replay = options.seed();
        if (replay.isPresent()) {
            try {
                return TestRun.run(body, replay, options.watchdogSeconds(), deadline);
            } catch (Throwable t) {
                throw underSchedule(t, replay.getAsLong(), "replayed schedule");
            }
        }
        T value = TestRun.run(body, OptionalLong.empty(), options.watchdogSeconds(), deadline);
        SplittableRandom seeds = new SplittableRandom();
        for (int i = 1; i <= options.schedules(); i++) {
            long seed = seeds.nextLong();
            try {
                TestRun.run(body, OptionalLong.of(seed), options.watchdogSeconds(), deadline);
            } catch (Throwable t) {
                throw underSchedule(t, seed, "schedule " + i + " of " + options.schedules() + ", FIFO passing");
            }
        }
        return value;
    }

    /**
     * Explores {@code schedules} orders of the test besides FIFO, as {@link TestOptions#schedules} does, but
     * reports rather than throws: the first failing run and its seed, or that none failed. For tests of a test.
     */
    public static Exploration explore(int schedules, AsyncTestBody<?> body) {
        TestOptions options = TestOptions.defaults();
        long deadline = System.nanoTime() + (long) (options.watchdogSeconds() * 1e9);
        SplittableRandom seeds = new SplittableRandom();
        for (int i = 0; i <= schedules; i++) {
            OptionalLong seed = i == 0 ? OptionalLong.empty() : OptionalLong.of(seeds.nextLong());
            try {
                TestRun.run(body, seed, options.watchdogSeconds(), deadline);
            } catch (Throwable t) {
                return new Exploration(i + 1, seed, t);
            }
        }
        return new Exploration(schedules + 1, OptionalLong.empty(), null);
    }

    /** The failure {@code t} of the schedule of {@code seed}, with the seed and how to replay it in the message. */
    private static AssertionError underSchedule(Throwable t, long seed, String which) {
        String how = "the test fails under schedule seed " + seed + " (" + which + "): replay it with -D"
                + TestOptions.SEED_PROPERTY + "=" + seed + " (and -Dtest=Class#method), or TestOptions.seed(" + seed + "L)";
        System.err.println("awaitj-test: " + how);
        return new AssertionError(how + "\n" + t, t);
    }

    /** {@link AsyncTestExtension}: the method's options hold for runTest until {@link Scope#close()}. */
    static Scope enter(TestOptions options) {
        Scope s = new Scope(options, SCOPE.get());
        SCOPE.set(s);
        return s;
    }

    static final class Scope implements AutoCloseable {
        final TestOptions options;
        private final Scope outer;
        boolean ran;

        private Scope(TestOptions options, Scope outer) {
            this.options = options;
            this.outer = outer;
        }

        @Override
        public void close() {
            if (outer == null) {
                SCOPE.remove();
            } else {
                SCOPE.set(outer);
            }
        }
    }
}
