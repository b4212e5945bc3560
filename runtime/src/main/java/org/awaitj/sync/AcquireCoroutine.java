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
    /** The future this task waits on in the line; null until it has to wait. */
    Future<Void> waiter;

    AcquireCoroutine(Waiters line, Held held) {
        this.line = line;
        this.held = held;
    }

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
                return complete(held);
            }
            waiter = line.add(this);
            return CoroutineSupport.awaitFuture(waiter, this);
        }
        resumed();
        return complete(held);
    }
}
