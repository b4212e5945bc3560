package org.awaitj.sync;

import org.awaitj.Coroutine;
import org.awaitj.internal.CoroutineSupport;
import org.awaitj.internal.HandWrittenCoroutine;
import org.awaitj.internal.LoopBound;
import org.awaitj.internal.Waiters;

/**
 * A mutual-exclusion lock for tasks, like {@code asyncio.Lock}: {@link #acquire()} suspends the task until
 * the lock is free, {@link #release()} frees it.
 *
 * <pre>{@code
 * try (var held = await(lock.locked())) {     // async with lock:
 *     ...
 * }
 * }</pre>
 *
 * <p>Fair, as asyncio's since 3.12: waiters acquire the lock in the order they asked for it. A lock released
 * while tasks wait for it is kept for the first of them, so a task that calls {@code acquire()} meanwhile
 * cannot barge ahead. A waiter that is cancelled after it was woken hands the lock on to the next one.
 *
 * <p>A lock is not owned by a task: any task may release it. Use it from its event loop's thread only.
 */
public final class Lock extends LoopBound {
    private final Waiters waiters = new Waiters(this);
    private boolean locked;
    /** The direct entry's acquire that last completed, for its next wait: a contended acquire allocates nothing. */
    private Acquire<Void> spare;

    public Lock() {
    }

    /** Suspends until the lock is acquired; completes at once, without suspending, when it is free. */
    public Coroutine<Void> acquire() {
        return new Acquire<>(this, null, false);
    }

    /**
     * Acquires the lock and yields a {@link Held} that releases it on {@code close()}: Python's
     * {@code async with lock:} as {@code try (var held = await(lock.locked())) { ... }}.
     */
    public Coroutine<Held> locked() {
        return new Acquire<>(this, new Held(this::release), false);
    }

    /**
     * The agent's {@code await(lock.acquire())}: a free lock is taken with no coroutine made; else it waits, in
     * the spare coroutine when there is one.
     */
    static Object acquire(Lock lock, Coroutine<?> anchor, int depth) {
        if (lock.tryAcquire()) {
            return null;
        }
        Acquire<Void> a = lock.spare;
        if (a == null) {
            a = new Acquire<>(lock, null, true);
        } else {
            lock.spare = null;
            a.rearm();
        }
        return CoroutineSupport.fusedAwait(a, anchor, depth);
    }

    /** The agent's {@code await(lock.locked())}, as {@link #acquire(Lock, Coroutine, int)}. */
    static Object locked(Lock lock, Coroutine<?> anchor, int depth) {
        return lock.tryAcquire() ? new Held(lock::release) : CoroutineSupport.fusedAwait(lock.locked(), anchor, depth);
    }

    /** Takes the lock if it is free and nobody waits for it (jumping a line of cancelled waiters only). */
    private boolean tryAcquire() {
        if (!locked && waiters.allCancelled()) {
            locked = true;
            return true;
        }
        return false;
    }

    /**
     * Releases the lock and wakes the first waiter, if any.
     *
     * @throws IllegalStateException if the lock is not acquired
     */
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired");
        }
        locked = false;
        waiters.wakeFirst();
    }

    /** Whether the lock is acquired. */
    public boolean isLocked() {
        return locked;
    }

    /** The futures in the waiter deque, woken or cancelled ones that have not run yet included (for tests). */
    int waiterCount() {
        return waiters.size();
    }

    /** The spare acquire of the direct entry, or null (for tests). */
    Coroutine<Void> spareAcquire() {
        return spare;
    }

    @Override
    public String toString() {
        return "<Lock [" + (locked ? "locked" : "unlocked") + waiters.reprSuffix() + "]>";
    }

    @HandWrittenCoroutine.Of(owner = Lock.class, method = "acquire")
    private static final class Acquire<R> extends AcquireCoroutine<R> {
        private final Lock lock;

        Acquire(Lock lock, Held held, boolean reused) {
            super(lock.waiters, held, reused);
            this.lock = lock;
        }

        @SuppressWarnings("unchecked")
        @Override
        void spare() {
            lock.spare = (Acquire<Void>) this;
        }

        @Override
        boolean tryAcquire() {
            return lock.tryAcquire();
        }

        @Override
        void resumed() {
            try {
                lock.waiters.resume(waiter, this);
            } catch (Throwable e) {
                // cancelled: if the lock was kept for us, or the first waiter is cancelled too, wake the next
                if (!lock.locked) {
                    lock.waiters.wakeFirst();
                }
                throw e;
            }
            lock.locked = true;
        }
    }
}
