package org.awaitj;

/**
 * An event loop's time. The loop asks its clock three things, and tells it one:
 * <ul>
 * <li>{@link #time()}: the loop's monotonic time in seconds, which timers are keyed by and
 *     {@link EventLoop#time()} returns;</li>
 * <li>{@link #jumpTo}: when nothing is ready and a timer is pending, whether the loop need not wait at all,
 *     because the clock moved to that timer at once;</li>
 * <li>{@link #blockMillis}: otherwise, how long the loop's selector may block before the next timer is due;</li>
 * <li>{@link #waitBegins()} and {@link #waitEnded}: how long such a real wait lasted.</li>
 * </ul>
 * A clock belongs to one loop and is used from its thread only.
 */
abstract class Clock {
    /** The system's monotonic clock, zero when the loop was made. */
    static Clock real() {
        return new Real();
    }

    /** Virtual time: see {@link EventLoop#withVirtualTime()}. */
    static Clock virtual() {
        return new Virtual();
    }

    /** The loop's monotonic time, in seconds. */
    abstract double time();

    /**
     * Nothing is ready and the next timer is due at {@code when}: true if the loop need not wait (the clock
     * moved there, or another thread has just handed the loop work to run first); false if the loop must wait
     * for the timer in its selector.
     */
    abstract boolean jumpTo(double when, EventLoop loop);

    /** How long the selector may block for {@code next} to become due, in milliseconds; -1 (no timer) until woken. */
    final long blockMillis(Handle next) {
        return next == null ? -1 : Math.max(0, (long) Math.ceil((next.when - time()) * 1e3));
    }

    /** The loop is about to wait in its selector; what it returns goes back to {@link #waitEnded}. */
    abstract long waitBegins();

    /** The wait that began at {@code began} is over; {@code next} is the timer it waited for, or null. */
    abstract void waitEnded(long began, Handle next);

    /** The system's monotonic clock: it never jumps, and waits take the time they take. */
    private static final class Real extends Clock {
        private final long originNanos = System.nanoTime();

        @Override
        double time() {
            return (System.nanoTime() - originNanos) / 1e9;
        }

        @Override
        boolean jumpTo(double when, EventLoop loop) {
            return false;
        }

        @Override
        long waitBegins() {
            return 0;
        }

        @Override
        void waitEnded(long began, Handle next) {
        }
    }

    /**
     * Virtual time: it jumps to the next timer whenever nothing else is ready, so tests see exact times and run
     * at once. While the loop waits on work elsewhere, a watched channel (a peer's answer) or a foreign future (a
     * thread, a worker process, a stage someone else completes), nobody knows when that work ends: the loop then
     * waits for real, and virtual time flows with the real time spent waiting, up to the next timer.
     */
    private static final class Virtual extends Clock {
        /**
         * Before a jump, how many times the loop looks at its inbox, yielding the processor in between, so that a
         * callback another thread is handing over right now (callSoonThreadsafe) runs before the timers, at the
         * same time, rather than after a jump. Only loops that other threads hand callbacks to pay for it (about
         * a microsecond a jump).
         */
        private static final int ZERO_TIME_TURNS = 3;

        private double now;

        @Override
        double time() {
            return now;
        }

        @Override
        boolean jumpTo(double when, EventLoop loop) {
            if (loop.foreignInFlight > 0 || loop.io.watchesChannels()) {
                return false;
            }
            for (int i = 0; i < ZERO_TIME_TURNS && loop.inbox.handedOverByThreads; i++) {
                if (!loop.inbox.isEmpty()) {
                    return true;    // the loop takes another turn at this time, the inbox first
                }
                Thread.yield();
            }
            now = Math.max(now, when);
            return true;
        }

        @Override
        long waitBegins() {
            return System.nanoTime();
        }

        @Override
        void waitEnded(long began, Handle next) {
            if (next != null) {
                now = Math.min(next.when, now + (System.nanoTime() - began) / 1e9);
            }
        }
    }
}
