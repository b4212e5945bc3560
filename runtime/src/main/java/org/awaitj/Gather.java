package org.awaitj;


import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * {@code AsyncIO.gather}: the future of a list of results, in argument order, like asyncio's
 * {@code _GatheringFuture}. Without {@code returnExceptions} the first failure (or cancellation) of a child
 * completes the gather while the other children keep running; cancelling the gather cancels the children.
 */
final class Gather<T> extends Future<List<T>> {
    /** In argument order while the gather is pending; emptied when it is done (see {@link #release}). */
    private List<Future<?>> children;
    private int size;
    /** Distinct children: a future passed twice completes once. Unknown (MAX_VALUE) until all are counted in. */
    private int distinct = Integer.MAX_VALUE;
    private final boolean returnExceptions;
    private int finished;
    private boolean cancelRequested;

    private Gather(EventLoop loop, List<Future<?>> children, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.returnExceptions = returnExceptions;
    }

    static <T> Gather<T> of(EventLoop loop, boolean returnExceptions, List<? extends Awaitable<?>> awaitables) {
        int index = 0;
        for (Awaitable<?> a : awaitables) {
            if (a == null) {
                // before any task is made: none runs for a gather that never was
                throw new NullPointerException("gather: argument " + index + " is null");
            }
            index++;
        }
        List<Future<?>> children = new ArrayList<>(awaitables.size());
        Gather<T> outer = new Gather<>(loop, children, returnExceptions);
        int before = loop.taskIds.last();
        Map<Awaitable<?>, Future<?>> futures = null;    // only for arguments that are not coroutines: rare
        int distinct = 0;
        for (Awaitable<?> a : awaitables) {
            Future<?> f;
            if (a instanceof Coroutine<?> c) {
                Task<?> t = c.task;
                // passed twice: the task this gather made of it the first time (a loop's task ids only grow)
                f = t != null && t.loop == loop && t.getCoroutine() == c && t.id() - before > 0 ? t : null;
            } else {
                f = futures == null ? null : futures.get(a);
            }
            if (f == null) {
                f = Awaiting.ensureFuture(loop, a);
                if (!(a instanceof Coroutine<?>)) {
                    if (futures == null) {
                        futures = new IdentityHashMap<>();
                    }
                    futures.put(a, f);
                }
                distinct++;
                children.add(f);
                f.whenDoneCount(outer);
            } else {
                children.add(f);
            }
        }
        outer.distinct = distinct;
        outer.size = children.size();
        if (!outer.isDone() && outer.finished == distinct) {
            outer.complete();   // every child was done already (or there are none)
        }
        return outer;
    }

    /**
     * A child is done: counted at once, in the child's completion (no callback through the ready queue per child);
     * runs no application code, so the count is safe there. The awaiting task wakes on the next turn, as it would
     * for any future.
     */
    void childDone(Future<?> child) {
        finished++;
        if (isDone()) {
            if (!child.isCancelled()) {
                child.exception();      // retrieved: nobody else will look at it
            }
            return;
        }
        if (!returnExceptions) {
            if (child.isCancelled()) {
                super.cancel(child.cancelMessage());
                release();
                return;
            }
            Throwable e = child.exception();
            if (e != null) {
                super.setException(e);
                release();
                return;
            }
        }
        if (finished == distinct) {
            complete();
        }
    }

    @SuppressWarnings("unchecked")
    private void complete() {
        if (cancelRequested) {
            super.cancel(null);
            release();
            return;
        }
        // each result takes its child's place in the list: one array, and it references no child afterwards
        List<Future<?>> list = children;
        List<Object> results = (List<Object>) (List<?>) list;
        for (int i = 0; i < list.size(); i++) {
            Future<?> c = list.get(i);
            if (c.isCancelled()) {
                results.set(i, new CancellationException(c.cancelMessage()));
            } else {
                Throwable e = c.exception();
                results.set(i, e != null ? e : c.result());
            }
        }
        children = List.of();
        super.setResult((List<T>) Collections.unmodifiableList(results));
    }

    /** Done: the list lets go of the children, slot by slot, for the reason {@link Task#FINISHED} gives. */
    private void release() {
        children.clear();
    }

    List<Future<?>> children() {
        return children;
    }

    /** Cancels every child that is not done; the gather completes once they have finished. */
    @Override
    public boolean cancel(String msg) {
        if (isDone()) {
            return false;
        }
        boolean any = false;
        for (Future<?> c : children) {
            any |= c.cancel(msg);
        }
        if (any) {
            cancelRequested = true;
        }
        return any;
    }

    @Override
    public String toString() {
        return "<Gather " + stateName() + " of " + size + ">";
    }
}
