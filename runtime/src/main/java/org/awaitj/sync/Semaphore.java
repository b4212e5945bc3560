package org.awaitj.sync;

import org.awaitj.*;
import org.awaitj.internal.*;

import java.util.ArrayDeque;

/**
 * A counting semaphore for tasks, like {@code asyncio.Semaphore}: it holds a number of permits;
 * {@link #acquire()} takes one, suspending the task while there is none, and {@link #release()} gives one
 * back.
 *
 * <pre>{@code
 * try (var held = await(semaphore.locked())) {     // async with semaphore:
 *     ...
 * }
 * }</pre>
 *
 * <p>Fair, as asyncio's since 3.12: waiters get permits in the order they asked, and a task that calls
 * {@code acquire()} while others wait queues behind them even when a permit is free. A permit handed to a
 * waiter that is cancelled before it runs goes to the next waiter, or back to the semaphore. Releasing more
 * than was acquired raises the count; {@link BoundedSemaphore} refuses that.
 *
 * <p>Use it from its event loop's thread only.
 */
public class Semaphore extends LoopBound {
    /** The futures of the waiting tasks, first come first; created on first contention. */
    private ArrayDeque<Future<Void>> waiters;
    /** The free permits; a permit handed to a woken waiter is no longer counted. */
    int value;

    /** A semaphore with one permit. */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with {@code value} permits.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0, not " + value);
        }
        this.value = value;
    }

    /**
     * Whether {@link #acquire()} would suspend: no permit is free, or tasks are waiting (they go first).
     * Python's {@code Semaphore.locked()}.
     */
    public boolean isLocked() {
        if (value == 0) {
            return true;
        }
        if (waiters != null) {
            for (Future<Void> f : waiters) {
                if (!f.isCancelled()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Takes a permit, suspending until one is free and the earlier waiters are served. */
    public Coroutine<Void> acquire() {
        return new Acquire<>(this, false);
    }

    /**
     * Takes a permit and yields a {@link Held} that gives it back on {@code close()}: Python's
     * {@code async with semaphore:} as {@code try (var held = await(semaphore.locked())) { ... }}.
     */
    public Coroutine<Held> locked() {
        return new Acquire<>(this, true);
    }

    /** Gives a permit back, and hands it to the first waiter if there is one. */
    public void release() {
        value++;
        wakeUpNext();
    }

    /** The free permits (for tests). */
    int value() {
        return value;
    }

    /** The futures in the waiter deque, woken or cancelled ones that have not run yet included (for tests). */
    int waiterCount() {
        return waiters == null ? 0 : waiters.size();
    }

    /** Hands a permit to the first waiter not woken yet; false when there is none. */
    private boolean wakeUpNext() {
        if (waiters == null) {
            return false;
        }
        for (Future<Void> f : waiters) {
            if (!f.isDone()) {
                value--;
                f.setResult(null);
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " [" + (isLocked() ? "locked" : "unlocked, value:" + value)
                + (waiters == null || waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }

    /** {@code acquire()}, yielding null, or {@code locked()}, yielding a {@link Held}. */
    private static final class Acquire<R> extends Coroutine<R> {
        private final Semaphore sem;
        private final boolean held;
        private Future<Void> waiter;

        Acquire(Semaphore sem, boolean held) {
            this.sem = sem;
            this.held = held;
        }

        @Override
        protected Object invokeSuspend() {
            Semaphore s = sem;
            if (waiter == null) {
                if (!s.isLocked()) {
                    s.value--;
                    return acquired();
                }
                if (s.waiters == null) {
                    s.waiters = new ArrayDeque<>();
                }
                waiter = s.newWaiter(this);
                s.waiters.addLast(waiter);
                return CoroutineSupport.awaitFuture(waiter, this);
            }
            Throwable failure = null;
            try {
                CoroutineSupport.resumeValue(this);
            } catch (Throwable e) {
                failure = e;
            }
            Future<Void> w = waiter;
            s.waiters.remove(w);
            if (failure != null && w.isDone() && !w.isCancelled()) {
                // woken with a permit, but cancelled before running: the permit is not ours to keep
                s.value++;
            }
            // waiters that came while permits were free had to queue (FIFO): wake as many as there are permits
            while (s.value > 0 && s.wakeUpNext()) {
                // each call hands one permit over
            }
            if (failure != null) {
                throw rethrow(failure);
            }
            return acquired();
        }

        private Object acquired() {
            return complete(held ? new Held(sem::release) : null);
        }

        @Override
        protected String describe() {
            return held ? "Semaphore.locked" : "Semaphore.acquire";
        }

        @Override
        protected StackTraceElement stackTraceElement() {
            return frame(getClass().getNestHost(), describe());
        }
    }
}
