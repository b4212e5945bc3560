package org.awaitj.sync;

import org.awaitj.*;
import org.awaitj.internal.*;

import java.util.ArrayDeque;

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
    /** The futures of the waiting tasks, first come first; created on first contention. */
    private ArrayDeque<Future<Void>> waiters;
    private boolean locked;

    public Lock() {
    }

    /** Suspends until the lock is acquired; completes at once, without suspending, when it is free. */
    public Coroutine<Void> acquire() {
        return new Acquire<>(this, false);
    }

    /**
     * Acquires the lock and yields a {@link Held} that releases it on {@code close()}: Python's
     * {@code async with lock:} as {@code try (var held = await(lock.locked())) { ... }}.
     */
    public Coroutine<Held> locked() {
        return new Acquire<>(this, true);
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
        wakeUpFirst();
    }

    /** Whether the lock is acquired. */
    public boolean isLocked() {
        return locked;
    }

    /** The futures in the waiter deque, woken or cancelled ones that have not run yet included (for tests). */
    int waiterCount() {
        return waiters == null ? 0 : waiters.size();
    }

    /** Makes sure the first waiter will wake: unless it is already done (woken, or cancelled). */
    private void wakeUpFirst() {
        if (waiters == null) {
            return;
        }
        Future<Void> first = waiters.peekFirst();
        if (first != null && !first.isDone()) {
            first.setResult(null);
        }
    }

    private boolean allWaitersCancelled() {
        if (waiters != null) {
            for (Future<Void> f : waiters) {
                if (!f.isCancelled()) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "<Lock [" + (locked ? "locked" : "unlocked") + (waiters == null || waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }

    /** {@code acquire()}, yielding null, or {@code locked()}, yielding a {@link Held}. */
    private static final class Acquire<R> extends Coroutine<R> {
        private final Lock lock;
        private final boolean held;
        private Future<Void> waiter;

        Acquire(Lock lock, boolean held) {
            this.lock = lock;
            this.held = held;
        }

        @Override
        protected Object invokeSuspend() {
            Lock l = lock;
            if (waiter == null) {
                // jumping the queue when every waiter is cancelled is an optimisation; otherwise wait our turn
                if (!l.locked && l.allWaitersCancelled()) {
                    l.locked = true;
                    return acquired();
                }
                if (l.waiters == null) {
                    l.waiters = new ArrayDeque<>();
                }
                waiter = l.newWaiter(this);
                l.waiters.addLast(waiter);
                return CoroutineSupport.awaitFuture(waiter, this);
            }
            try {
                try {
                    CoroutineSupport.resumeValue(this);
                } finally {
                    l.waiters.remove(waiter);
                }
            } catch (Throwable e) {
                // cancelled: if the lock was kept for us, or the first waiter is cancelled too, wake the next
                if (!l.locked) {
                    l.wakeUpFirst();
                }
                throw e;
            }
            l.locked = true;
            return acquired();
        }

        private Object acquired() {
            return complete(held ? new Held(lock::release) : null);
        }

        @Override
        protected String describe() {
            return held ? "Lock.locked" : "Lock.acquire";
        }

        @Override
        protected StackTraceElement stackTraceElement() {
            return frame(getClass().getNestHost(), describe());
        }
    }
}
