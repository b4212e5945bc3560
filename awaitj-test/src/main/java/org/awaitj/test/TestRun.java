package org.awaitj.test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import org.awaitj.EventLoop;
import org.awaitj.Future;
import org.awaitj.Task;
import org.awaitj.internal.TestingAccess;
import org.awaitj.internal.TestingAccess.Finding;

/**
 * One run of a test's coroutine, as {@code AsyncIO.run} would run it but on a fresh loop of virtual time in debug
 * mode, under a watchdog, and in the order of a schedule seed if given. At the end it collects what is wrong
 * beyond the coroutine's own outcome: tasks still pending, and debug mode's findings.
 */
final class TestRun {
    private final TestingAccess access = TestingAccess.get();
    private final EventLoop loop;
    private final TestLoop testLoop;
    private final List<Finding> problems = new ArrayList<>();

    private TestRun(OptionalLong seed) {
        loop = access.newLoop(true, seed.isPresent() ? new SplittableRandom(seed.getAsLong()) : null);
        loop.setDebug(true);
        testLoop = new TestLoop(loop, seed);
    }

    /**
     * Runs {@code body} once and returns its result; throws its exception unchanged (what else went wrong added as
     * suppressed), or an {@link AssertionError} listing what went wrong although it returned.
     */
    static <T> T run(AsyncTestBody<T> body, OptionalLong seed, double watchdogSeconds, long deadlineNanos) {
        return new TestRun(seed).run(body, watchdogSeconds, deadlineNanos);
    }

    private <T> T run(AsyncTestBody<T> body, double watchdogSeconds, long deadlineNanos) {
        T value = null;
        Throwable thrown = null;
        Future<T> outcome = loop.createFuture();
        try (TestingAccess.Recording recording = access.record();
             Watchdog watchdog = new Watchdog(loop, outcome, watchdogSeconds, deadlineNanos - System.nanoTime())) {
            try {
                loop.callSoon(() -> start(body, outcome));
                value = loop.runUntilComplete(outcome);
            } catch (Throwable t) {
                thrown = t;
            }
            AssertionError timedOut = watchdog.failure();
            if (timedOut != null) {
                thrown = timedOut;
            } else if (thrown == null) {
                for (String t : access.pendingTasks(loop)) {
                    problems.add(new Finding("task still pending at the end of the test: " + t
                            + ": await it, or cancel it, before the test's coroutine returns", null));
                }
            }
            try {
                problems.addAll(access.shutdown(loop));
            } finally {
                problems.addAll(recording.findings());
            }
        }
        if (thrown != null) {
            if (!problems.isEmpty()) {
                thrown.addSuppressed(report("the test also left problems behind"));
            }
            throw sneakyThrow(thrown);
        }
        if (!problems.isEmpty()) {
            throw report("the test's coroutine returned, but debug mode found problems");
        }
        return value;
    }

    /** On the loop: the body's coroutine becomes the test's main task, whose outcome is the run's. */
    private <T> void start(AsyncTestBody<T> body, Future<T> outcome) {
        Task<? extends T> main;
        try {
            main = loop.createTask(body.start(testLoop), "test");
        } catch (Throwable t) {
            outcome.setException(t);
            return;
        }
        main.addDoneCallback(done -> {
            if (outcome.isDone()) {
                return;     // the watchdog ended the run already
            }
            if (done.isCancelled()) {
                outcome.cancel("the test's task was cancelled");
            } else if (done.exception() != null) {
                outcome.setException(done.exception());
            } else {
                outcome.setResult(done.result());
            }
        });
    }

    private AssertionError report(String headline) {
        StringBuilder sb = new StringBuilder(headline).append(':');
        for (Finding f : problems) {
            sb.append("\n  - ").append(f.message());
        }
        AssertionError e = new AssertionError(sb.toString());
        for (Finding f : problems) {
            if (f.error() != null) {
                e.addSuppressed(f.error());
            }
        }
        return e;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }
}
