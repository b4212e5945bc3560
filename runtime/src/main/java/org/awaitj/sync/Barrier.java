package org.awaitj.sync;

import org.awaitj.*;
import org.awaitj.internal.*;

import java.util.ArrayDeque;
import java.util.concurrent.BrokenBarrierException;

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
    private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();

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
        wakeAll();
    }

    /**
     * Breaks the barrier: tasks waiting on it, and those that call {@link #waitAsync()} until a
     * {@link #reset()}, get a {@link BrokenBarrierException}.
     */
    public void abort() {
        state = State.BROKEN;
        wakeAll();
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

    private void wakeAll() {
        for (Future<Void> f : waiters) {
            if (!f.isDone()) {
                f.setResult(null);
            }
        }
    }

    /** A task leaves: the last one out of a draining or resetting barrier lets it fill again. */
    private void leave() {
        count--;
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            wakeAll();
        }
    }

    @Override
    public String toString() {
        String s = "<Barrier [" + state.name().toLowerCase(java.util.Locale.ROOT);
        if (state == State.FILLING) {
            s += ", waiters:" + count + "/" + parties;
        }
        return s + "]>";
    }

    /** {@code waitAsync()}: block while draining or resetting, arrive, then wait for the barrier to fill. */
    private static final class Wait extends Coroutine<Integer> {
        private static final int BLOCKED = 1;
        private static final int FILLING = 2;

        private final Barrier b;
        private int phase;
        private int index;
        private Future<Void> waiter;

        Wait(Barrier b) {
            this.b = b;
        }

        @Override
        protected Object invokeSuspend() {
            Barrier barrier = b;
            if (phase == 0 || phase == BLOCKED) {
                if (phase == BLOCKED) {
                    resume();               // a cancellation propagates: this task never entered the barrier
                }
                if (barrier.state == State.DRAINING || barrier.state == State.RESETTING) {
                    phase = BLOCKED;
                    return suspend();
                }
                if (barrier.state == State.BROKEN) {
                    throw rethrow(new BrokenBarrierException("Barrier aborted"));
                }
                if (barrier.count + 1 == barrier.parties) {
                    index = barrier.count++;
                    barrier.state = State.DRAINING;    // the last to arrive releases the others
                    barrier.wakeAll();
                    barrier.leave();
                    return complete(index);
                }
                Object suspended = suspend();       // first: a task of another loop is refused before it arrives
                index = barrier.count++;
                phase = FILLING;
                return suspended;
            } else {
                try {
                    resume();
                } catch (Throwable e) {
                    barrier.leave();
                    throw e;
                }
            }
            if (barrier.state == State.FILLING) {
                return suspend();
            }
            State released = barrier.state;        // before leaving: the last one out ends a reset
            barrier.leave();
            if (released == State.BROKEN || released == State.RESETTING) {
                throw rethrow(new BrokenBarrierException("Abort or reset of barrier"));
            }
            return complete(index);
        }

        private Object suspend() {
            waiter = b.newWaiter(this);
            b.waiters.addLast(waiter);
            return CoroutineSupport.awaitFuture(waiter, this);
        }

        private void resume() {
            try {
                CoroutineSupport.resumeValue(this);
            } finally {
                b.waiters.remove(waiter);
                waiter = null;
            }
        }

        @Override
        protected String describe() {
            return "Barrier.waitAsync";
        }

        @Override
        protected StackTraceElement stackTraceElement() {
            return frame(getClass().getNestHost(), describe());
        }
    }
}
