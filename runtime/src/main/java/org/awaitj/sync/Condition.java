package org.awaitj.sync;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.awaitj.Coroutine;
import org.awaitj.Future;
import org.awaitj.internal.CoroutineSupport;
import org.awaitj.internal.HandWrittenCoroutine;
import org.awaitj.internal.LoopBound;
import org.awaitj.internal.Waiters;

/**
 * A condition variable for tasks, like {@code asyncio.Condition}: a {@link Lock} plus a set of waiters.
 * A task holding the lock calls {@link #waitAsync()} to release it and suspend until another task, also
 * holding the lock, calls {@link #signal()} or {@link #signalAll()}; the waiter then reacquires the lock
 * before its {@code waitAsync()} returns. ({@code wait}/{@code notify} are final on {@code Object}, hence the
 * names.)
 *
 * <pre>{@code
 * try (var held = await(condition.locked())) {
 *     await(condition.waitForAsync(() -> !items.isEmpty()));
 *     ...
 * }
 * }</pre>
 *
 * <p>Waiters are woken in the order they started waiting. A waiter that is cancelled still reacquires the
 * lock before the {@link CancellationException} reaches it, so its {@code finally} blocks run with the lock
 * held, as the {@code try (var held = ...)} form expects; if it had been signalled, the signal passes to
 * another waiter. Several conditions may share one lock.
 *
 * <p>Use it from its event loop's thread only.
 */
public final class Condition extends LoopBound {
    private final Lock lock;
    private final Waiters waiters = new Waiters(this);

    /** A condition with a lock of its own. */
    public Condition() {
        this(new Lock());
    }

    /** A condition over {@code lock}, which other conditions may share. */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /** Acquires the underlying lock. */
    public Coroutine<Void> acquire() {
        return lock.acquire();
    }

    /** The agent's {@code await(condition.acquire())}: the lock's own entry. */
    static Object acquire(Condition c, Coroutine<?> anchor, int depth) {
        return Lock.acquire(c.lock, anchor, depth);
    }

    /** The agent's {@code await(condition.locked())}: the lock's own entry. */
    static Object locked(Condition c, Coroutine<?> anchor, int depth) {
        return Lock.locked(c.lock, anchor, depth);
    }

    /** Releases the underlying lock; {@link IllegalStateException} if it is not acquired. */
    public void release() {
        lock.release();
    }

    /** Whether the underlying lock is acquired. */
    public boolean isLocked() {
        return lock.isLocked();
    }

    /**
     * Acquires the underlying lock and yields a {@link Held} that releases it on {@code close()}: Python's
     * {@code async with condition:}.
     */
    public Coroutine<Held> locked() {
        return lock.locked();
    }

    /**
     * Releases the lock, suspends until signalled, then reacquires the lock and returns. Also when the task
     * is cancelled while it waits: the lock is reacquired first, then the {@link CancellationException} is
     * thrown.
     *
     * <p>Awaiting it throws {@link IllegalStateException} when the lock is not acquired.
     */
    public Coroutine<Void> waitAsync() {
        return new Wait(this);
    }

    /**
     * Waits until {@code predicate} is true: checks it first, then after each wake-up (with the lock held).
     * Needs the lock like {@link #waitAsync()}, unless the predicate is true at once.
     */
    public Coroutine<Void> waitForAsync(BooleanSupplier predicate) {
        return new WaitFor(this, Objects.requireNonNull(predicate, "predicate"));
    }

    /** Wakes one waiter. The lock must be held: {@link IllegalStateException} otherwise. */
    public void signal() {
        signal(1);
    }

    /** Wakes up to {@code n} waiters, first come first. The lock must be held: {@link IllegalStateException} otherwise. */
    public void signal(int n) {
        if (!lock.isLocked()) {
            throw new IllegalStateException("cannot signal on un-acquired lock");
        }
        waiters.wake(n);
    }

    /** Wakes every waiter. The lock must be held: {@link IllegalStateException} otherwise. */
    public void signalAll() {
        signal(waiters.size());
    }

    /** The futures of the waiting tasks, woken ones that have not run yet included (for tests). */
    int waiterCount() {
        return waiters.size();
    }

    @Override
    public String toString() {
        return "<Condition [" + (lock.isLocked() ? "locked" : "unlocked") + waiters.reprSuffix() + "]>";
    }

    /** {@code waitAsync()}: wait for a signal, then reacquire the lock whatever happened. */
    @HandWrittenCoroutine.Of(owner = Condition.class, method = "waitAsync")
    private static final class Wait extends HandWrittenCoroutine<Void> {
        private static final int START = 0;
        private static final int WAITING = 1;
        private static final int REACQUIRING = 2;

        private final Condition cond;
        private int state;
        private Future<Void> waiter;
        /** How the wait for a signal ended when it did not end with the signal (a cancellation). */
        private Throwable failure;
        /** The last cancellation while reacquiring the lock: it replaces {@link #failure}, as in asyncio. */
        private CancellationException cancelledReacquiring;

        Wait(Condition cond) {
            this.cond = cond;
        }

        @Override
        protected Object invokeSuspend() {
            Condition c = cond;
            switch (state) {
                case START:
                    if (!c.lock.isLocked()) {
                        throw new IllegalStateException("cannot wait on un-acquired lock");
                    }
                    waiter = c.waiters.add(this);   // before releasing: a wrong loop leaves the lock as it was
                    c.lock.release();
                    state = WAITING;
                    return CoroutineSupport.awaitFuture(waiter, this);
                case WAITING:
                    try {
                        c.waiters.resume(waiter, this);
                    } catch (Throwable e) {
                        failure = e;
                    }
                    state = REACQUIRING;
                    return reacquire();
                default:
                    try {
                        CoroutineSupport.resumeValue(this);
                    } catch (CancellationException e) {
                        cancelledReacquiring = e;      // the lock must be reacquired even so: try again
                        return reacquire();
                    } catch (Throwable e) {
                        c.waiters.wakeNext();
                        throw e;
                    }
                    return reacquired();
            }
        }

        private Object reacquire() {
            for (;;) {
                Object r;
                try {
                    r = CoroutineSupport.await(cond.lock.acquire(), this);
                } catch (CancellationException e) {
                    cancelledReacquiring = e;
                    continue;
                } catch (Throwable e) {
                    cond.waiters.wakeNext();
                    throw e;
                }
                if (r == CoroutineSupport.SUSPENDED) {
                    return r;
                }
                return reacquired();
            }
        }

        private Object reacquired() {
            Throwable error = cancelledReacquiring != null ? cancelledReacquiring : failure;
            if (error != null) {
                // we may have been signalled before the error: pass the signal on (a spurious wake-up at worst)
                cond.waiters.wakeNext();
                throw CoroutineSupport.sneakyThrow(error);
            }
            return complete(null);
        }
    }

    /** {@code waitForAsync(predicate)}: {@code while (!predicate) await(waitAsync());}. */
    @HandWrittenCoroutine.Of(owner = Condition.class, method = "waitForAsync")
    private static final class WaitFor extends HandWrittenCoroutine<Void> {
        private final Condition cond;
        private final BooleanSupplier predicate;
        private boolean suspended;

        WaitFor(Condition cond, BooleanSupplier predicate) {
            this.cond = cond;
            this.predicate = predicate;
        }

        @Override
        protected Object invokeSuspend() {
            if (suspended) {
                suspended = false;
                CoroutineSupport.resumeValue(this);
            }
            while (!predicate.getAsBoolean()) {
                if (CoroutineSupport.await(new Wait(cond), this) == CoroutineSupport.SUSPENDED) {
                    suspended = true;
                    return CoroutineSupport.SUSPENDED;
                }
            }
            return complete(null);
        }
    }
}
