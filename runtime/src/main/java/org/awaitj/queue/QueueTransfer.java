package org.awaitj.queue;

import org.awaitj.Future;
import org.awaitj.internal.CoroutineSupport;
import org.awaitj.internal.HandWrittenCoroutine;
import org.awaitj.internal.Waiters;

/**
 * A {@link Queue}'s {@code put} or {@code get}: waits in its line while it must, then does the nowait operation. A
 * wait that fails (a cancellation) after a wake-up passes the wake-up on: the slot or item is not lost.
 */
abstract class QueueTransfer<T, R> extends HandWrittenCoroutine<R> {
    final Queue<T> q;
    private Future<Void> waiter;
    /** Made by a direct entry: once completed, it is the queue's spare. */
    private final boolean reused;

    QueueTransfer(Queue<T> q, boolean reused) {
        this.q = q;
        this.reused = reused;
    }

    /** Completed and spare: awaited anew. */
    void rearm() {
        CoroutineSupport.rearm(this);
    }

    /** Completed: the queue's spare from now on. */
    abstract void spare();

    /** The line it waits in: the queue's putters or getters. */
    abstract Waiters line();

    /** The queue is full (for a put) or empty (for a get). */
    abstract boolean mustWait();

    /** {@code putNowait} or {@code getNowait}: the result. */
    abstract R transfer();

    @Override
    protected Object invokeSuspend() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            try {
                CoroutineSupport.resumeValue(this);
            } catch (Throwable e) {
                if (line().abandon(w) && !mustWait()) {
                    line().wakeAndRemoveNext();       // woken for what we will not take: pass it on
                }
                throw e;
            }
            line().recycle(w);    // it left the line when it was woken
        }
        if (mustWait()) {
            if (q.isShutdown) {
                throw new QueueShutDownException("the queue is shut down");
            }
            waiter = line().add(this);
            return CoroutineSupport.awaitFuture(waiter, this);
        }
        Object done = complete(transfer());
        if (reused) {
            spare();
        }
        return done;
    }

    /** {@code put(item)}: wait while full, then {@code putNowait(item)}. */
    @HandWrittenCoroutine.Of(owner = Queue.class, method = "put")
    static final class Put<T> extends QueueTransfer<T, Void> {
        private T item;

        Put(Queue<T> q, T item, boolean reused) {
            super(q, reused);
            this.item = item;
        }

        /** Completed and spare: awaited anew, to put {@code next}. */
        void rearm(T next) {
            rearm();
            item = next;
        }

        @SuppressWarnings("unchecked")
        @Override
        void spare() {
            item = null;
            q.sparePut = (Put<Object>) this;
        }

        @Override
        Waiters line() {
            return q.putters;
        }

        @Override
        boolean mustWait() {
            return q.full();
        }

        @Override
        Void transfer() {
            q.putNowait(item);
            return null;
        }
    }

    /** {@code get()}: wait while empty, then {@code getNowait()}. */
    @HandWrittenCoroutine.Of(owner = Queue.class, method = "get")
    static final class Get<T> extends QueueTransfer<T, T> {
        Get(Queue<T> q, boolean reused) {
            super(q, reused);
        }

        @Override
        void spare() {
            q.spareGet = this;
        }

        @Override
        Waiters line() {
            return q.getters;
        }

        @Override
        boolean mustWait() {
            return q.empty();
        }

        @Override
        T transfer() {
            return q.getNowait();
        }
    }
}
