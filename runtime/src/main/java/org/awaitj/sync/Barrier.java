package org.awaitj.sync;

import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;

import org.awaitj.Coroutine;
import org.awaitj.Future;
import org.awaitj.internal.CoroutineSupport;
import org.awaitj.internal.HandWrittenCoroutine;
import org.awaitj.internal.LoopBound;
import org.awaitj.internal.Waiters;

/**
 * A barrier for tasks, like {@code asyncio.Barrier}: each of {@code parties} tasks calls {@link #waitAsync()},
 * and all of them go on once the last one arrives. Then the barrier is reusable: it drains (tasks that
 * arrive meanwhile wait for the draining to end) and fills again.
 *
 * <pre>{@code
 * int index = await(barrier.waitAsync());   // 0 for the first task to arrive, parties - 1 for the last
 * }</pre>
 *
 * <p>{@link #abort()} breaks the barrier: its waiters, and tasks that arrive later, get a
 * {@link BrokenBarrierException} until {@link #reset()}. {@link #reset()} sends the waiters a
 * {@link BrokenBarrierException} too and then lets the barrier fill anew. A waiter that is cancelled leaves
 * the barrier and counts no more.
 *
 * <p>Use it from its event loop's thread only.
 */
public final class Barrier extends LoopBound {
    private enum State { FILLING, DRAINING, RESETTING, BROKEN }

    private final int parties;
    private State state = State.FILLING;
    /** The tasks in the barrier: arrived while filling, and not yet gone while draining or resetting. */
    private int count;
    /** Every task waiting for the state to change (asyncio's Condition): woken all at once. */
    private final Waiters waiters = new Waiters(this);

    /**
     * A barrier for {@code parties} tasks.
     *
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1, not " + parties);
        }
        this.parties = parties;
    }

    /**
     * Suspends until {@link #parties()} tasks wait on the barrier, then yields this task's arrival index,
     * from 0 to {@code parties - 1}. Arriving while the barrier drains or resets waits for that to end first.
     *
     * @throws BrokenBarrierException (when awaited) if the barrier is broken, or is aborted or reset while
     *     this task waits
     */
    public Coroutine<Integer> waitAsync() throws BrokenBarrierException {
        return new Wait(this);
    }

    /**
     * Returns the barrier to its empty state: tasks waiting on it get a {@link BrokenBarrierException}, and
     * once they are gone it fills anew. Also mends a broken barrier.
     */
    public void reset() {
        if (count > 0) {
            state = State.RESETTING;
        } else {
            state = State.FILLING;
        }
        waiters.wakeAll();
    }

    /**
     * Breaks the barrier: tasks waiting on it, and those that call {@link #waitAsync()} until a
     * {@link #reset()}, get a {@link BrokenBarrierException}.
     */
    public void abort() {
        state = State.BROKEN;
        waiters.wakeAll();
    }

    /** The number of tasks it takes to pass the barrier. */
    public int parties() {
        return parties;
    }

    /** The number of tasks waiting for the barrier to fill (0 while it drains). */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /** Whether the barrier is broken ({@link #abort()}). */
    public boolean isBroken() {
        return state == State.BROKEN;
    }

    /** The futures of the waiting tasks, woken ones that have not run yet included (for tests). */
    int waiterCount() {
        return waiters.size();
    }

    /** A task leaves: the last one out of a draining or resetting barrier lets it fill again. */
    private void leave() {
        count--;
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            waiters.wakeAll();
        }
    }

    @Override
    public String toString() {
        String s = "<Barrier [" + state.name().toLowerCase(Locale.ROOT);
        if (state == State.FILLING) {
            s += ", waiters:" + count + "/" + parties;
        }
        return s + "]>";
    }

    /** {@code waitAsync()}: block while draining or resetting, arrive, then wait for the barrier to fill. */
    @HandWrittenCoroutine.Of(owner = Barrier.class, method = "waitAsync")
    private static final class Wait extends HandWrittenCoroutine<Integer> {
        private static final int ARRIVING = 0;
        private static final int BLOCKED = 1;
        private static final int FILLING = 2;

        private final Barrier b;
        private int phase = ARRIVING;
        private int index;
        private Future<Void> waiter;

        Wait(Barrier b) {
            this.b = b;
        }

        @Override
        protected Object invokeSuspend() {
            switch (phase) {
                case FILLING:
                    try {
                        b.waiters.resume(waiter, this);
                    } catch (Throwable e) {
                        b.leave();
                        throw e;
                    }
                    return released();
                case BLOCKED:
                    b.waiters.resume(waiter, this);     // a cancellation propagates: this task never entered
                    return arrive();
                default:
                    return arrive();
            }
        }

        private Object arrive() {
            Barrier barrier = b;
            if (barrier.state == State.DRAINING || barrier.state == State.RESETTING) {
                return suspend(BLOCKED);
            }
            if (barrier.state == State.BROKEN) {
                throw CoroutineSupport.sneakyThrow(new BrokenBarrierException("Barrier aborted"));
            }
            if (barrier.count + 1 == barrier.parties) {
                index = barrier.count++;
                barrier.state = State.DRAINING;    // the last to arrive releases the others
                barrier.waiters.wakeAll();
                barrier.leave();
                return complete(index);
            }
            waiter = barrier.waiters.add(this);     // first: a task of another loop is refused before it arrives
            index = barrier.count++;
            phase = FILLING;
            return CoroutineSupport.awaitFuture(waiter, this);
        }

        /** Woken while filling: gone through, unless the barrier was broken or reset meanwhile. */
        private Object released() {
            Barrier barrier = b;
            if (barrier.state == State.FILLING) {
                return suspend(FILLING);
            }
            State released = barrier.state;        // before leaving: the last one out ends a reset
            barrier.leave();
            if (released == State.BROKEN || released == State.RESETTING) {
                throw CoroutineSupport.sneakyThrow(new BrokenBarrierException("Abort or reset of barrier"));
            }
            return complete(index);
        }

        private Object suspend(int next) {
            waiter = b.waiters.add(this);
            phase = next;
            return CoroutineSupport.awaitFuture(waiter, this);
        }
    }
}
