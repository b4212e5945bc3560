package org.awaitj.sync;

import org.awaitj.Future;
import org.awaitj.internal.CoroutineSupport;
import org.awaitj.internal.HandWrittenCoroutine;
import org.awaitj.internal.Waiters;

/**
 * {@code acquire()} of a {@link Lock} or {@link Semaphore}, yielding null, or {@code locked()}, yielding the
 * {@link Held} that releases what was acquired: takes it at once when it may, else waits in the owner's line.
 *
 * @param <R> {@code Void} or {@link Held}
 */
abstract class AcquireCoroutine<R> extends HandWrittenCoroutine<R> {
    private final Waiters line;
    /** What {@code locked()} yields; null for {@code acquire()}. */
    private final Held held;
    /** The future this task waits on in the line; null until it has to wait, and again once it resumed. */
    Future<Void> waiter;
    /** Made by a direct entry, which no application holds: once completed, it is the owner's spare. */
    private final boolean reused;

    AcquireCoroutine(Waiters line, Held held, boolean reused) {
        this.line = line;
        this.held = held;
        this.reused = reused;
    }

    /** Completed and spare: awaited anew. */
    final void rearm() {
        CoroutineSupport.rearm(this);
    }

    /** Completed: the owner's spare, for its direct entry's next wait. */
    abstract void spare();

    /** {@code acquire}, as the subclass's {@link HandWrittenCoroutine.Of} says, or {@code locked}. */
    @Override
    protected final String method() {
        return held == null ? super.method() : "locked";
    }

    /** Takes the lock or a permit if that needs no waiting (nobody waits ahead): true when it did. */
    abstract boolean tryAcquire();

    /** Once woken, or failed while waiting (then it throws): the lock or permit is this task's. */
    abstract void resumed();

    @Override
    protected final Object invokeSuspend() {
        if (waiter == null) {
            if (tryAcquire()) {
                return acquired();
            }
            waiter = line.add(this);
            return CoroutineSupport.awaitFuture(waiter, this);
        }
        resumed();
        waiter = null;
        return acquired();
    }

    private Object acquired() {
        Object done = complete(held);
        if (reused) {
            spare();
        }
        return done;
    }
}
