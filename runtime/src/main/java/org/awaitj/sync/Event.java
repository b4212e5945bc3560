package org.awaitj.sync;

import org.awaitj.*;
import org.awaitj.internal.*;

import java.util.ArrayDeque;

/**
 * An event flag for tasks, like {@code asyncio.Event}: {@link #waitAsync()} suspends until the flag is set;
 * {@link #set()} sets it and wakes every waiter; {@link #clear()} resets it. Initially clear.
 *
 * <p>Use it from its event loop's thread only.
 */
public final class Event extends LoopBound {
    private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();
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
            for (Future<Void> f : waiters) {
                if (!f.isDone()) {
                    f.setResult(null);
                }
            }
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

    /** The futures of the waiting tasks, woken ones that have not run yet included (for tests). */
    int waiterCount() {
        return waiters.size();
    }

    @Override
    public String toString() {
        return "<Event [" + (value ? "set" : "unset") + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }

    private static final class Wait extends Coroutine<Void> {
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
                waiter = e.newWaiter(this);
                e.waiters.addLast(waiter);
                return CoroutineSupport.awaitFuture(waiter, this);
            }
            try {
                CoroutineSupport.resumeValue(this);
            } finally {
                e.waiters.remove(waiter);
            }
            return complete(null);
        }

        @Override
        protected String describe() {
            return "Event.waitAsync";
        }

        @Override
        protected StackTraceElement stackTraceElement() {
            return frame(getClass().getNestHost(), describe());
        }
    }
}
