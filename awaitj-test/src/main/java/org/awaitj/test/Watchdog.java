package org.awaitj.test;

import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.awaitj.EventLoop;
import org.awaitj.Future;

/**
 * A test's real-time limit, apart from its virtual time. The loop runs on the test's thread, so the watchdog acts
 * from its own: when the time is up it hands the loop a callback that dumps the loop's tasks and ends the test's
 * outcome with the failure; a loop that does not take that turn (its thread blocked) is reported with its
 * thread's stack instead, and interrupted.
 */
final class Watchdog implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = timer();
    /** How long a loop has to take the watchdog's turn before it counts as blocked, at most. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EventLoop loop;
    private final Future<?> outcome;
    private final Thread loopThread = Thread.currentThread();
    private final double seconds;
    private final ScheduledFuture<?> firing;
    private volatile ScheduledFuture<?> blockedCheck;
    private volatile AssertionError failure;
    private volatile boolean fired;

    /** Arms a watchdog on the calling thread's loop, due {@code remainingNanos} from now; {@code seconds} for the report. */
    Watchdog(EventLoop loop, Future<?> outcome, double seconds, long remainingNanos) {
        this.loop = loop;
        this.outcome = outcome;
        this.seconds = seconds;
        this.firing = TIMER.schedule(this::fire, Math.max(0, remainingNanos), TimeUnit.NANOSECONDS);
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "awaitj-test-watchdog");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    private void fire() {
        fired = true;
        try {
            loop.callSoonThreadsafe(this::failOnLoop);
        } catch (IllegalStateException closed) {
            return;     // the test ended meanwhile
        }
        long grace = Math.min(GRACE_NANOS, (long) (seconds * 1e9));
        blockedCheck = TIMER.schedule(this::failBlocked, grace, TimeUnit.NANOSECONDS);
    }

    /** On the loop: its tasks are the report. */
    private void failOnLoop() {
        ScheduledFuture<?> check = blockedCheck;
        if (check != null) {
            check.cancel(false);
        }
        if (failure == null) {
            failure = new AssertionError(limit() + "; the loop's tasks:\n" + loop.dumpTasks());
        }
        if (!outcome.isDone()) {
            outcome.setException(failure);
        }
    }

    /** The loop did not take the watchdog's turn: its thread is stuck in one step. */
    private void failBlocked() {
        if (failure != null) {
            return;
        }
        StringBuilder stack = new StringBuilder();
        for (StackTraceElement e : loopThread.getStackTrace()) {
            stack.append("\n\tat ").append(e);
        }
        failure = new AssertionError(limit() + ", and its loop is blocked (it took no turn since): the loop's thread "
                + loopThread.getName() + " is at" + stack);
        loopThread.interrupt();
    }

    private String limit() {
        return String.format(Locale.ROOT, "the test ran longer than its watchdog, %.3f s of real time "
                + "(@AsyncTest(watchdog = ...), TestOptions.watchdog or -D%s=SECONDS)", seconds, TestOptions.WATCHDOG_PROPERTY);
    }

    /** The watchdog's failure, if it fired; the loop's thread is no longer interrupted by it. */
    AssertionError failure() {
        if (fired) {
            Thread.interrupted();
        }
        return failure;
    }

    boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        firing.cancel(false);
        ScheduledFuture<?> check = blockedCheck;
        if (check != null) {
            check.cancel(false);
        }
    }
}
