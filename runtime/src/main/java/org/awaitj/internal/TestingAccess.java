package org.awaitj.internal;

import java.util.List;
import java.util.random.RandomGenerator;

import org.awaitj.EventLoop;

/**
 * What the JUnit support ({@code org.awaitj.test}) needs of the core's package-private state: loops with schedule
 * exploration, debug mode's findings known at once instead of when the garbage collector gets to them, and what a
 * test's loop still holds. The core's implementation installs itself when it is first asked for, so the core
 * pays nothing for it unless tests use it.
 */
@InternalApi
public abstract class TestingAccess {
    private static volatile TestingAccess installed;

    protected TestingAccess() {
    }

    /** Called once, by the core. */
    public static void install(TestingAccess access) {
        if (installed != null) {
            throw new IllegalStateException("the awaitj testing bridge is installed already");
        }
        installed = access;
    }

    /** The core's implementation. */
    public static TestingAccess get() {
        TestingAccess a = installed;
        if (a == null) {
            try {
                // the core's implementation installs itself as it initialises
                Class.forName("org.awaitj.TestingBridge", true, EventLoop.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new LinkageError("the awaitj core has no testing bridge", e);
            }
            a = installed;
        }
        return a;
    }

    /** Something debug mode found: its report, and the exception it is about (a never-retrieved one), or null. */
    public record Finding(String message, Throwable error) {
    }

    /** Debug mode's findings on the thread that started the recording, from then until {@link #close()}. */
    public interface Recording extends AutoCloseable {
        /**
         * The coroutines created since the recording began and never started, the failed futures whose
         * exception nobody retrieved, the blocking calls made on a loop; each is reported once, here, and no
         * longer when its object is collected.
         */
        List<Finding> findings();

        /** Stops recording on this thread; a recording it interrupted goes on. */
        @Override
        void close();
    }

    /**
     * A new loop on virtual time, or on the system's clock, whose turns run in an order drawn from {@code schedule}
     * (null: FIFO).
     */
    public abstract EventLoop newLoop(boolean virtualTime, RandomGenerator schedule);

    /** Records debug mode's findings on the calling thread (turning debug mode's tracking on). */
    public abstract Recording record();

    /**
     * The tasks of {@code loop} still pending and not already asked to cancel, each described with where it was
     * created and where it is suspended.
     */
    public abstract List<String> pendingTasks(EventLoop loop);

    /**
     * Ends a test's loop as {@code AsyncIO.run} does: cancels the tasks still pending and lets them finish, waits
     * for the default executor, closes the loop. Returns what went wrong on the way: a task that failed as it
     * was cancelled, or refused cancellation.
     */
    public abstract List<Finding> shutdown(EventLoop loop);

    /** How many entries are ready to run on {@code loop}. */
    public abstract int readyCount(EventLoop loop);

    /** When the next timer of {@code loop} is due, or NaN when none is pending. */
    public abstract double nextTimer(EventLoop loop);

    /**
     * Whether {@code loop} waits on work elsewhere: futures that follow a thread, a worker process or a stage,
     * or watched channels. Virtual time does not jump meanwhile.
     */
    public abstract boolean waitsOnWorkElsewhere(EventLoop loop);
}
