package org.awaitj;


import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeoutException;

import org.awaitj.internal.AwaitThen;

/**
 * What {@link AsyncIO#asCompleted} returns, iterable two ways as in Python 3.13. A plain for-each gives one new
 * future per awaitable, in completion order: awaiting the first gives the result (or exception) of whichever
 * awaitable finishes first, and so on; past the timeout, the futures not yet completed fail with
 * {@link TimeoutException}. {@link #originals()} iterates asynchronously over the awaitables' own tasks and
 * futures (a coroutine's task), each once it is done; past the timeout, {@code hasNext()} throws
 * {@link TimeoutException}.
 *
 * <p>The asynchronous view is a method rather than an overload of {@code asCompleted}: the arguments would be
 * the same, and Java cannot choose between methods by what they return; and the existing for-each form must
 * stay as it is.
 *
 * @param <T> the type of the results
 */
public final class AsCompleted<T> implements Iterable<Future<T>> {
    private final List<Future<T>> slots;
    /** The children that completed before the timeout, in completion order. */
    private final List<Future<T>> arrived;
    private final double timeout;
    private boolean timedOut;
    /** The asynchronous iterations waiting for the next arrival. */
    private final List<Future<Void>> waiters = new ArrayList<>();

    private AsCompleted(List<Future<T>> slots, double timeout) {
        this.slots = slots;
        this.arrived = new ArrayList<>(slots.size());
        this.timeout = timeout;
    }

    @SuppressWarnings("unchecked")
    static <T> AsCompleted<T> of(EventLoop loop, Collection<? extends Awaitable<? extends T>> awaitables, double timeout) {
        Map<Awaitable<?>, Future<T>> children = new IdentityHashMap<>();
        for (Awaitable<? extends T> a : awaitables) {
            children.computeIfAbsent(a, x -> (Future<T>) Awaiting.ensureFuture(loop, x));
        }
        List<Future<T>> slots = new ArrayList<>(children.size());
        for (int i = 0; i < children.size(); i++) {
            slots.add(loop.createFuture());
        }
        AsCompleted<T> c = new AsCompleted<>(Collections.unmodifiableList(slots), timeout);
        Handle timer = Double.isInfinite(timeout) ? null : loop.callLater(timeout, c::timeUp);
        for (Future<T> child : children.values()) {
            child.addDoneCallback(done -> c.arrive(child, timer));
        }
        return c;
    }

    private void arrive(Future<T> child, Handle timer) {
        if (timedOut) {
            return;
        }
        slots.get(arrived.size()).copyStateFrom(child);
        arrived.add(child);
        if (arrived.size() == slots.size() && timer != null) {
            timer.cancel();
        }
        wake();
    }

    private void timeUp() {
        timedOut = true;
        for (int i = arrived.size(); i < slots.size(); i++) {
            slots.get(i).setException(timeoutException());
        }
        wake();
    }

    private TimeoutException timeoutException() {
        return new TimeoutException("asCompleted timed out after " + timeout + " seconds");
    }

    private void wake() {
        for (Future<Void> w : waiters) {
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
        waiters.clear();
    }

    /** One new future per awaitable, completed in completion order. */
    @Override
    public Iterator<Future<T>> iterator() {
        return slots.iterator();
    }

    /**
     * The awaitables' own tasks and futures, each as it completes: Python 3.13's
     * {@code async for t in as_completed(aws)}. Each call is an iteration of its own. Past the timeout,
     * {@code hasNext()} throws {@link TimeoutException}, which it does not declare: catch Exception around it.
     */
    public AsyncIterable<Future<T>> originals() {
        return () -> new AsyncIterator<>() {
            private int next;

            @Override
            public Coroutine<Boolean> hasNext() {
                if (next < arrived.size()) {
                    return AwaitThen.done(AsCompleted.class, "originals", true);
                }
                if (next >= slots.size()) {
                    return AwaitThen.done(AsCompleted.class, "originals", false);
                }
                if (timedOut) {
                    return new AwaitThen<>(AsCompleted.class, "originals", null, x -> {
                        throw timeoutException();
                    });
                }
                Future<Void> w = slots.get(0).getLoop().createFuture();
                waiters.add(w);
                return new AwaitThen<>(AsCompleted.class, "originals", w, x -> {
                    if (next < arrived.size()) {
                        return true;
                    }
                    throw timeoutException();     // woken by the timeout, not by an arrival
                });
            }

            @Override
            public Future<T> next() {
                if (next >= arrived.size()) {
                    throw new NoSuchElementException("await hasNext() first");
                }
                return arrived.get(next++);
            }

            @Override
            public Coroutine<Void> closeAsync() {
                next = slots.size();
                return AwaitThen.done(AsCompleted.class, "originals", null);
            }
        };
    }
}
