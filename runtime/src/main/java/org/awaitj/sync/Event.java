package org.awaitj.sync;

import org.awaitj.Coroutine;
import org.awaitj.Future;
import org.awaitj.internal.CoroutineSupport;
import org.awaitj.internal.HandWrittenCoroutine;
import org.awaitj.internal.LoopBound;
import org.awaitj.internal.Waiters;

/**
 * An event flag for tasks, like {@code asyncio.Event}: {@link #waitAsync()} suspends until the flag is set;
 * {@link #set()} sets it and wakes every waiter; {@link #clear()} resets it. Initially clear.
 *
 * <p>Use it from its event loop's thread only.
 */
public final class Event extends LoopBound {
    private final Waiters waiters = new Waiters(this);
    private boolean value;

    public Event() {
    }

    /** Whether the flag is set. */
    public boolean isSet() {
        return value;
    }

    /** Sets the flag and wakes every task waiting for it; those that wait later do not suspend. */
    public void set() {
        if (!value) {
            value = true;
            waiters.wakeAll();
        }
    }

    /** Clears the flag: tasks that wait from now on suspend until the next {@link #set()}. */
    public void clear() {
        value = false;
    }

    /**
     * Suspends until the flag is set; completes at once when it is set already. ({@code wait} is final on
     * {@code Object}, hence the name.)
     */
    public Coroutine<Void> waitAsync() {
        return new Wait(this);
    }

    /** The agent's {@code await(event.waitAsync())}: a set event returns with no coroutine made; else it waits. */
    static Object waitAsync(Event event, Coroutine<?> anchor, int depth) {
        return event.value ? null : CoroutineSupport.fusedAwait(event.waitAsync(), anchor, depth);
    }

    /** The futures of the waiting tasks, woken ones that have not run yet included (for tests). */
    int waiterCount() {
        return waiters.size();
    }

    @Override
    public String toString() {
        return "<Event [" + (value ? "set" : "unset") + waiters.reprSuffix() + "]>";
    }

    @HandWrittenCoroutine.Of(owner = Event.class, method = "waitAsync")
    private static final class Wait extends HandWrittenCoroutine<Void> {
        private final Event event;
        private Future<Void> waiter;

        Wait(Event event) {
            this.event = event;
        }

        @Override
        protected Object invokeSuspend() {
            Event e = event;
            if (waiter == null) {
                if (e.value) {
                    return complete(null);
                }
                waiter = e.waiters.add(this);
                return CoroutineSupport.awaitFuture(waiter, this);
            }
            e.waiters.resume(waiter, this);
            return complete(null);
        }
    }
}
