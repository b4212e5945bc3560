package org.awaitj;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitj.internal.CoroutineSupport;

/**
 * One subscription of {@code AsyncIO.toPublisher}: the task that iterates the source for one subscriber, as
 * fast as its demand allows (it fetches an element only when one is requested), and the
 * {@link Flow.Subscription} other threads call. {@code request} and {@code cancel} only record what was asked
 * and wake the task on the loop, so they never run the iteration themselves (no recursion, rule 3.3) and may
 * come from any thread.
 */
final class Emission<T> extends Coroutine<Void> implements Flow.Subscription {
    private static final int START = 0;
    private static final int DEMAND = 1;
    private static final int FETCH = 2;
    private static final int CLOSE = 3;


    private final EventLoop loop;
    private final AsyncIterable<T> source;
    /** Null once the emission ended: rule 3.13, the publisher lets go of a cancelled subscriber. */
    private Flow.Subscriber<? super T> subscriber;
    /** Requested and not yet delivered; Long.MAX_VALUE means unbounded (rule 3.17). */
    private final AtomicLong demand = new AtomicLong();
    private volatile boolean cancelled;
    private volatile IllegalArgumentException badRequest;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    /** Loop thread only. */
    private Task<Void> task;
    private AsyncIterator<T> iterator;
    private Future<Void> demandWaiter;
    /** The task was cancelled for a cancel or a bad request: once, so that its cleanup is not cut short. */
    private boolean stopping;
    private int state = START;
    private boolean suspended;
    /** What to signal once the iterator is closed: null (cancelled), COMPLETE, or a Throwable. */
    private Object last;
    private static final Object COMPLETE = new Object();
    private static final Object FINISHED = new Object();

    Emission(EventLoop loop, AsyncIterable<T> source, Flow.Subscriber<? super T> subscriber) {
        this.loop = loop;
        this.source = source;
        this.subscriber = subscriber;
    }

    /** On the loop: onSubscribe, then the task. */
    void start() {
        try {
            subscriber.onSubscribe(this);
        } catch (Throwable t) {
            misbehaved("onSubscribe", t);
            return;
        }
        task = loop.createTask(this, "toPublisher");
    }

    // ---- the subscription: any thread ----

    @Override
    public void request(long n) {
        if (n <= 0) {
            badRequest = new IllegalArgumentException("rule 3.9: request(n) takes n > 0, not " + n);
        } else {
            demand.getAndAccumulate(n, (d, add) -> d + add < 0 ? Long.MAX_VALUE : d + add);
        }
        wake();
    }

    @Override
    public void cancel() {
        cancelled = true;
        wake();
    }

    private void wake() {
        if (wakeScheduled.compareAndSet(false, true)) {
            try {
                loop.callSoonThreadsafe(this::woken);
            } catch (IllegalStateException closed) {
                // the loop is gone and the task with it: nothing left to wake
            }
        }
    }

    private void woken() {
        wakeScheduled.set(false);
        if (cancelled || badRequest != null) {
            if (task != null && !stopping) {
                stopping = true;
                task.cancel();     // ends the await in progress, the source's own included
            }
        } else if (demandWaiter != null && !demandWaiter.isDone()) {
            demandWaiter.setResult(null);
        }
    }

    // ---- the task: the loop's thread ----

    @Override
    protected Object invokeSuspend() {
        Object value = null;
        Throwable error = null;
        if (suspended) {
            suspended = false;
            try {
                value = Awaiting.resumeValue(this);
            } catch (Throwable t) {
                error = t;
            }
        }
        for (;;) {
            Object next;
            try {
                next = error == null ? advance(value) : failed(error);
            } catch (Throwable t) {     // the source's iterator() or next()
                next = failed(t);
            }
            if (next == FINISHED) {
                return complete(null);
            }
            value = null;
            error = null;
            try {
                Object r = Awaiting.await(next, this);
                if (r == CoroutineSupport.SUSPENDED) {
                    suspended = true;
                    return r;
                }
                value = r;
            } catch (Throwable t) {
                error = t;
            }
        }
    }

    /** Goes on from the await {@code state} names, which gave {@code value}: the next awaitable, or FINISHED. */
    @SuppressWarnings("unchecked")
    private Object advance(Object value) {
        switch (state) {
            case START -> iterator = source.iterator();
            case FETCH -> {
                if (!(Boolean) value) {
                    last = COMPLETE;
                    return close();
                }
                T v = iterator.next();
                demand.getAndUpdate(d -> d == Long.MAX_VALUE ? d : d - 1);
                try {
                    subscriber.onNext(v);
                } catch (Throwable t) {
                    return misbehaved("onNext", t);
                }
            }
            case CLOSE -> {
                return signalLast();
            }
            default -> {
                // DEMAND: woken by a request, a cancel or a bad request
            }
        }
        if (cancelled || badRequest != null) {
            last = badRequest;
            return close();
        }
        if (demand.get() > 0) {
            state = FETCH;
            return iterator.hasNext();
        }
        state = DEMAND;
        demandWaiter = loop.createFuture();
        return demandWaiter;
    }

    /** The await of {@code state} failed. */
    private Object failed(Throwable t) {
        if (state == CLOSE) {
            if (last == COMPLETE || last == null) {
                last = t;      // the source's cleanup failed: the subscriber learns of it
            }
            return signalLast();
        }
        boolean asked = t instanceof CancellationException && (cancelled || badRequest != null);
        last = asked ? badRequest : t;
        return close();
    }

    private Object close() {
        state = CLOSE;
        AsyncIterator<T> it = iterator;
        if (it == null) {
            return signalLast();
        }
        iterator = null;
        return it.closeAsync();
    }

    /** The end: onComplete or onError unless the subscriber cancelled; then the subscriber is let go. */
    private Object signalLast() {
        Flow.Subscriber<? super T> s = subscriber;
        subscriber = null;
        if (s != null && !cancelled) {
            try {
                if (last == COMPLETE) {
                    s.onComplete();
                } else if (last instanceof Throwable t) {
                    s.onError(t);
                }
            } catch (Throwable t) {
                Debug.LOG.log(System.Logger.Level.ERROR, "subscriber " + s + " of toPublisher threw from its terminal "
                        + "signal (rule 2.13)", t);
            }
        }
        return FINISHED;
    }

    /** Rule 2.13: a subscriber that throws is considered to have cancelled; the error is logged. */
    private Object misbehaved(String signal, Throwable t) {
        cancelled = true;
        Debug.LOG.log(System.Logger.Level.ERROR, "subscriber " + subscriber + " of toPublisher threw from " + signal
                + " (rule 2.13): its subscription is cancelled", t);
        last = null;
        return close();
    }

    @Override
    protected String describe() {
        return "AsyncIO.toPublisher";
    }
}
