package org.awaitj.sync;

import org.awaitj.Coroutine;
import org.awaitj.internal.CoroutineSupport;
import org.awaitj.internal.HandWrittenCoroutine;
import org.awaitj.internal.LoopBound;
import org.awaitj.internal.Waiters;

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
    private final Waiters waiters = new Waiters(this);
    /** The free permits; a permit handed to a woken waiter is no longer counted. */
    int value;
    /** The direct entry's acquire that last completed, for its next wait: a contended acquire allocates nothing. */
    private Acquire<Void> spare;

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
        return value == 0 || !waiters.allCancelled();
    }

    /** Takes a permit, suspending until one is free and the earlier waiters are served. */
    public Coroutine<Void> acquire() {
        return new Acquire<>(this, null, false);
    }

    /**
     * Takes a permit and yields a {@link Held} that gives it back on {@code close()}: Python's
     * {@code async with semaphore:} as {@code try (var held = await(semaphore.locked())) { ... }}.
     */
    public Coroutine<Held> locked() {
        return new Acquire<>(this, new Held(this::release), false);
    }

    /**
     * The agent's {@code await(semaphore.acquire())}: a free permit is taken with no coroutine made; else it
     * waits, in the spare coroutine when there is one. A subclass's own {@code acquire} is called.
     */
    static Object acquire(Semaphore sem, Coroutine<?> anchor, int depth) {
        if (!sem.isOwnClass()) {
            return CoroutineSupport.fusedAwait(sem.acquire(), anchor, depth);
        }
        if (sem.tryAcquire()) {
            return null;
        }
        Acquire<Void> a = sem.spare;
        if (a == null) {
            a = new Acquire<>(sem, null, true);
        } else {
            sem.spare = null;
            a.rearm();
        }
        return CoroutineSupport.fusedAwait(a, anchor, depth);
    }

    /** The agent's {@code await(semaphore.locked())}, as {@link #acquire(Semaphore, Coroutine, int)}. */
    static Object locked(Semaphore sem, Coroutine<?> anchor, int depth) {
        return sem.isOwnClass() && sem.tryAcquire() ? new Held(sem::release)
                : CoroutineSupport.fusedAwait(sem.locked(), anchor, depth);
    }

    private boolean isOwnClass() {
        Class<?> c = getClass();
        return c == Semaphore.class || c == BoundedSemaphore.class;
    }

    /** Takes a permit if one is free and nobody waits ahead. */
    private boolean tryAcquire() {
        if (!isLocked()) {
            value--;
            return true;
        }
        return false;
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
        return waiters.size();
    }

    /** The spare acquire of the direct entry, or null (for tests). */
    Coroutine<Void> spareAcquire() {
        return spare;
    }

    /** Hands a permit to the first waiter not woken yet; false when there is none. */
    private boolean wakeUpNext() {
        if (waiters.wakeNext()) {
            value--;
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " [" + (isLocked() ? "locked" : "unlocked, value:" + value)
                + waiters.reprSuffix() + "]>";
    }

    @HandWrittenCoroutine.Of(owner = Semaphore.class, method = "acquire")
    private static final class Acquire<R> extends AcquireCoroutine<R> {
        private final Semaphore sem;

        Acquire(Semaphore sem, Held held, boolean reused) {
            super(sem.waiters, held, reused);
            this.sem = sem;
        }

        @SuppressWarnings("unchecked")
        @Override
        void spare() {
            sem.spare = (Acquire<Void>) this;
        }

        @Override
        boolean tryAcquire() {
            return sem.tryAcquire();
        }

        @Override
        void resumed() {
            Throwable failure = null;
            try {
                sem.waiters.resume(waiter, this);
            } catch (Throwable e) {
                failure = e;
            }
            if (failure != null && Waiters.wasWoken(waiter)) {
                // woken with a permit, but cancelled before running: the permit is not ours to keep
                sem.value++;
            }
            // waiters that came while permits were free had to queue (FIFO): wake as many as there are permits
            while (sem.value > 0 && sem.wakeUpNext()) {
                // each call hands one permit over
            }
            if (failure != null) {
                throw CoroutineSupport.sneakyThrow(failure);
            }
        }
    }
}
