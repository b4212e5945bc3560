package org.awaitj.internal;

import java.util.ArrayDeque;

import org.awaitj.Coroutine;
import org.awaitj.Future;

/**
 * The tasks waiting on a queue or synchronisation primitive, first come first, as asyncio keeps them: each
 * waits on a future of its own, and waking it sets that future's result.
 *
 * <p>Two disciplines, as in asyncio. The locks, events, conditions and barriers leave a woken waiter in the
 * line until its task runs and {@linkplain #resume resumes} (so that it still counts, say, against a newcomer
 * that would barge in); the {@code wake} methods skip the waiters already woken or cancelled. The queue
 * {@linkplain #wakeAndRemoveNext removes a waiter as it wakes it}, and a waiter whose wait failed
 * {@linkplain #abandon leaves} by itself.
 *
 * <p>A waiter that is cancelled after it was woken must pass on what it was woken for (the lock, a permit, a
 * signal, an item, a free slot): {@link #wasWoken} tells whether it was.
 */
@InternalApi
public final class Waiters {
    private final LoopBound owner;
    /** Created on the first wait: most primitives never see contention. */
    private ArrayDeque<Future<Void>> line;
    /** A waiter done with ({@link #recycle}), which the next wait takes instead of a new future; or null. */
    private Future<Void> spare;

    /** The waiters of {@code owner}, which binds to the loop of the first task that waits. */
    public Waiters(LoopBound owner) {
        this.owner = owner;
    }

    /** A new waiter at the end of the line for the task that runs {@code frame}, to await. */
    public Future<Void> add(Coroutine<?> frame) {
        Future<Void> w = owner.newWaiter(frame, spare);
        spare = null;
        if (line == null) {
            line = new ArrayDeque<>();
        }
        line.addLast(w);
        return w;
    }

    /**
     * Resumes {@code frame} after its wait on {@code waiter}, which leaves the line: returns when it was woken,
     * throws what ended the wait otherwise (a cancellation).
     */
    public void resume(Future<Void> waiter, Coroutine<?> frame) {
        try {
            CoroutineSupport.resumeValue(frame);
        } finally {
            line.remove(waiter);
        }
        recycle(waiter);
    }

    /**
     * For a waiter whose wait ended in an exception (a cancellation): takes it out of the line, and tells
     * whether it had been woken, and so has something to pass on.
     */
    public boolean abandon(Future<Void> waiter) {
        waiter.cancel();            // in case it is not done yet: then it was not woken
        line.remove(waiter);
        return !waiter.isCancelled();
    }

    /**
     * A waiter of this line that woke its task, which resumed from it and holds it no more, and which left the
     * line: the next wait reuses it, so that a wait that is woken allocates nothing in steady state.
     */
    public void recycle(Future<Void> waiter) {
        if (wasWoken(waiter)) {
            spare = waiter;
        }
    }

    /** Whether {@code waiter}, done, was woken rather than cancelled. */
    public static boolean wasWoken(Future<Void> waiter) {
        return waiter.isDone() && !waiter.isCancelled();
    }

    /** The futures in the line, woken or cancelled ones whose tasks have not run yet included. */
    public int size() {
        return line == null ? 0 : line.size();
    }

    /** Whether the line holds no future at all. */
    public boolean isEmpty() {
        return line == null || line.isEmpty();
    }

    /** What asyncio's reprs of the primitives add for their waiters: {@code ", waiters:N"}, or nothing when none. */
    public String reprSuffix() {
        return isEmpty() ? "" : ", waiters:" + line.size();
    }

    /** Whether every waiter in the line is cancelled (true when there is none): nobody to wait behind. */
    public boolean allCancelled() {
        if (line != null) {
            for (Future<Void> f : line) {
                if (!f.isCancelled()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Makes sure the first waiter will wake, unless it is done already (woken, or cancelled: its task then
     * passes the wake-up on when it runs). What a lock does.
     */
    public void wakeFirst() {
        Future<Void> first = line == null ? null : line.peekFirst();
        if (first != null && !first.isDone()) {
            first.setResult(null);
        }
    }

    /** Wakes the first waiter not woken nor cancelled yet; false when there is none. */
    public boolean wakeNext() {
        return wake(1) == 1;
    }

    /** Wakes up to {@code n} waiters not woken nor cancelled yet, first come first; returns how many. */
    public int wake(int n) {
        int woken = 0;
        if (line != null) {
            for (Future<Void> f : line) {
                if (woken >= n) {
                    break;
                }
                if (!f.isDone()) {
                    woken++;
                    f.setResult(null);
                }
            }
        }
        return woken;
    }

    /** Wakes every waiter not woken nor cancelled yet. */
    public void wakeAll() {
        wake(Integer.MAX_VALUE);
    }

    /** Wakes the first waiter that is not cancelled, removing it and the cancelled ones before it. */
    public void wakeAndRemoveNext() {
        Future<Void> w;
        while (line != null && (w = line.pollFirst()) != null) {
            if (!w.isDone()) {
                w.setResult(null);
                return;
            }
        }
    }

    /** Wakes every waiter that is not cancelled, emptying the line. */
    public void wakeAndRemoveAll() {
        Future<Void> w;
        while (line != null && (w = line.pollFirst()) != null) {
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }
}
