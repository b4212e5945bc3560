package org.awaitj;


import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * A deadline for a block of code, like {@code asyncio.timeout}: inside an {@code @Async} method,
 * <pre>{@code
 * try (Timeout t = timeout(1.5)) {
 *     await(slowOperation());
 * } catch (TimeoutException e) {
 *     ...
 * }
 * }</pre>
 * When the deadline passes, the task is cancelled; at the end of the block (which the agent awaits, as for any
 * {@link AsyncCloseable}) that cancellation becomes a {@link TimeoutException} whose cause is the
 * cancellation. A cancellation from elsewhere passes through unchanged. {@code finally} blocks inside run as
 * for any cancellation.
 */
public final class Timeout implements AsyncCloseable, Awaiting.ExitAware {
    private final EventLoop loop;
    private final Task<?> task;
    /** The task's pending cancellations when the block began: the ones above that are this timeout's. */
    private final int cancelling;
    private double when;
    /** How the block was asked for ("timeout(1.5)"), for the TimeoutException's message. */
    private final String requested;
    private Handle timer;
    private boolean expired;
    private boolean exited;
    /** How often the deadline was set: more than once means it was rescheduled. */
    private int schedules;

    Timeout(double when, String requested) {
        this.requested = requested;
        this.loop = AsyncIO.getRunningLoop();
        this.task = loop.currentTask;
        if (task == null) {
            throw new IllegalStateException("timeout(...) is used inside an @Async method running in a task");
        }
        this.cancelling = task.cancelling();
        reschedule(when);
    }

    /** The loop time of the deadline ({@link Double#POSITIVE_INFINITY} for none). */
    public double when() {
        return when;
    }

    /** Whether the deadline passed (and the task was cancelled for it). */
    public boolean expired() {
        return expired;
    }

    /** Moves the deadline to loop time {@code when}; infinity for none. */
    public void reschedule(double when) {
        if (exited) {
            throw new IllegalStateException("this timeout's block has ended");
        }
        if (expired) {
            throw new IllegalStateException("this timeout has expired already");
        }
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("a timeout's deadline is a loop time, or infinity for none: got NaN");
        }
        schedules++;
        this.when = when;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (Double.isInfinite(when)) {
            return;
        }
        if (when <= loop.time()) {
            timer = loop.callSoon(this::expire);
        } else {
            timer = loop.callAt(when, this::expire);
        }
    }

    private void expire() {
        expired = true;
        task.cancel();
    }

    /** The end of the block when nothing was thrown. */
    @Override
    public Coroutine<Void> closeAsync() {
        exit(null);
        return new ImmediateResult<>(null);
    }

    /** The end of the block while {@code primary} is thrown: a cancellation of this timeout's becomes a TimeoutException. */
    @Override
    public Coroutine<Throwable> exitAsync(Throwable primary) {
        return new ImmediateResult<>(exit(primary));
    }

    private Throwable exit(Throwable primary) {
        exited = true;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (expired && task.uncancel() <= cancelling && primary instanceof CancellationException) {
            TimeoutException t = new TimeoutException(requested + (schedules > 1 ? " rescheduled to " + when : "")
                    + " expired at loop time " + Debug.seconds(loop.time()) + ", in the block at "
                    + Debug.callerOutsideRuntime());
            t.initCause(primary);
            return t;
        }
        return primary;
    }

    /**
     * Only the rewritten end of the block is meaningful; declaring {@link TimeoutException} here lets
     * {@code catch (TimeoutException e)} follow the block.
     */
    @Override
    public void close() throws TimeoutException {
        throw new IllegalStateException("timeout(...) is used in a try-with-resources block inside an @Async method");
    }

    @Override
    public String toString() {
        return "<Timeout " + requested + " when=" + when + (expired ? " expired" : "") + ">";
    }
}
