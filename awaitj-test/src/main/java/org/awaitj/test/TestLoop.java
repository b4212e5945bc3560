package org.awaitj.test;

import java.time.Duration;
import java.util.OptionalLong;

import org.awaitj.AsyncIO;
import org.awaitj.Awaitable;
import org.awaitj.EventLoop;
import org.awaitj.Future;
import org.awaitj.internal.TestingAccess;

/**
 * The loop a test's coroutine runs on, and the controls a test awaits to drive it: its virtual clock, advancing it,
 * letting what is ready run, running until nothing is left to do. Use it from the loop's thread, that is from the
 * test's coroutine and what it runs.
 */
public final class TestLoop {
    /** How often {@link #runUntilIdle()} looks again while the loop waits on work elsewhere, in loop seconds. */
    private static final double RECHECK_WHILE_WAITING = 0.01;

    private final EventLoop loop;
    private final OptionalLong seed;
    private final TestingAccess access = TestingAccess.get();

    TestLoop(EventLoop loop, OptionalLong seed) {
        this.loop = loop;
        this.seed = seed;
    }

    /** The event loop itself. */
    public EventLoop loop() {
        return loop;
    }

    /** The loop's clock, in seconds: virtual time, 0 when the test starts. */
    public double time() {
        return loop.time();
    }

    /** The seed of this run's schedule, or empty in FIFO order. */
    public OptionalLong seed() {
        return seed;
    }

    /**
     * Awaited, lets {@code seconds} pass: every timer due by then fires, in order, and the awaiting coroutine goes
     * on at exactly {@code time() + seconds} (after the timers due at that very time that were set before).
     */
    public Awaitable<Void> advance(double seconds) {
        return AsyncIO.sleep(seconds);
    }

    /** {@link #advance(double)} for a {@link Duration}. */
    public Awaitable<Void> advance(Duration duration) {
        return AsyncIO.sleep(duration);
    }

    /**
     * Awaited, lets everything that is ready run, and what that makes ready, until all the other tasks wait for
     * something; the clock does not move.
     */
    public Awaitable<Void> runReady() {
        Future<Void> done = loop.createFuture();
        loop.callSoon(() -> whenNothingElseIsReady(done, false));
        return done;
    }

    /**
     * Awaited, runs the loop until nothing is left for it to do but the awaiting coroutine: nothing ready, no timer
     * pending, no work elsewhere still to come back; the clock moves to the timers as they come.
     */
    public Awaitable<Void> runUntilIdle() {
        Future<Void> done = loop.createFuture();
        loop.callSoon(() -> whenNothingElseIsReady(done, true));
        return done;
    }

    /** Ends {@code done} once nothing else is ready, looking again after what is (and, if asked, timers and work). */
    private void whenNothingElseIsReady(Future<Void> done, boolean untilIdle) {
        if (done.isDone()) {
            return;
        }
        Runnable again = () -> whenNothingElseIsReady(done, untilIdle);
        if (access.readyCount(loop) > 0) {
            loop.callSoon(again);           // behind what is ready now
            return;
        }
        if (untilIdle) {
            double next = access.nextTimer(loop);
            if (!Double.isNaN(next)) {
                loop.callAt(next, again);   // behind the timers due then
                return;
            }
            if (access.waitsOnWorkElsewhere(loop)) {
                loop.callLater(RECHECK_WHILE_WAITING, again);
                return;
            }
        }
        done.setResult(null);
    }
}
