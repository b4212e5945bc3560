package org.awaitj;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitj.internal.AwaitThen;
import org.awaitj.internal.CoroutineSupport;
import org.awaitj.internal.HandWrittenCoroutine;

/**
 * {@code AsyncIO.fromPublisher}: each iteration is a {@link Flow.Subscriber} of the publisher, which may signal
 * from any thread, and an {@link AsyncIterator} on the loop that iterates it. Back-pressure is a window, as
 * Kotlin's {@code asFlow()} buffers: {@code batch} elements are requested at first, and as many again each time
 * half of them were taken, so at most {@code batch} wait in the buffer. Every {@code request} and
 * {@code cancel} is made on the loop's thread, which keeps them serial (rule 2.7).
 */
final class PublisherIterable<T> implements AsyncIterable<T> {
    private final Flow.Publisher<T> publisher;
    private final int batch;

    private PublisherIterable(Flow.Publisher<T> publisher, int batch) {
        this.publisher = publisher;
        this.batch = batch;
    }

    static <T> AsyncIterable<T> of(Flow.Publisher<T> publisher, int batch) {
        Objects.requireNonNull(publisher, "publisher");
        if (batch < 1) {
            throw new IllegalArgumentException("fromPublisher: the batch must be at least 1, not " + batch);
        }
        return new PublisherIterable<>(publisher, batch);
    }

    /** Subscribes at once; elements arrive as the iteration takes them. On a running loop. */
    @Override
    public AsyncIterator<T> iterator() {
        Iteration<T> it = new Iteration<>(AsyncIO.getRunningLoop(), batch);
        publisher.subscribe(it);
        return it;
    }

    private static final class Iteration<T> implements Flow.Subscriber<T>, AsyncIterator<T> {
        /** What onComplete leaves as the terminal signal. */
        private static final Object COMPLETE = new Object();
        private static final Object NONE = new Object();

        private final EventLoop loop;
        private final int batch;
        private final int refill;
        private final ConcurrentLinkedQueue<Object> buffer = new ConcurrentLinkedQueue<>();
        private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        /** COMPLETE, or the Throwable of onError; set once, by any thread. */
        private final AtomicReference<Object> terminal = new AtomicReference<>();
        /** The future the iteration waits on while the buffer is empty: whoever fills the buffer completes it. */
        private final AtomicReference<Future<Void>> waiting = new AtomicReference<>();
        private volatile boolean closed;
        /** Loop thread only: the element fetched for next(), and how many were taken since the last request. */
        private Object fetched = NONE;
        private int taken;

        Iteration(EventLoop loop, int batch) {
            this.loop = loop;
            this.batch = batch;
            this.refill = Math.max(1, batch / 2);
        }

        // ---- the subscriber: any thread ----

        @Override
        public void onSubscribe(Flow.Subscription s) {
            Objects.requireNonNull(s, "subscription");
            if (closed || !subscription.compareAndSet(null, s)) {
                s.cancel();    // rule 2.5: one subscription at a time
                return;
            }
            onLoop(() -> {
                if (!closed) {
                    s.request(batch);
                }
            });
        }

        @Override
        public void onNext(T item) {
            Objects.requireNonNull(item, "onNext(null)");
            if (!closed) {
                buffer.add(item);
                wake();
            }
        }

        @Override
        public void onError(Throwable error) {
            Objects.requireNonNull(error, "onError(null)");
            terminal.compareAndSet(null, error);
            wake();
        }

        @Override
        public void onComplete() {
            terminal.compareAndSet(null, COMPLETE);
            wake();
        }

        private void wake() {
            Future<Void> w = waiting.getAndSet(null);
            if (w != null) {
                onLoop(() -> {
                    if (!w.isDone()) {
                        w.setResult(null);
                    }
                });
            }
        }

        private void onLoop(Runnable r) {
            try {
                loop.callSoonThreadsafe(r);
            } catch (IllegalStateException closedLoop) {
                closed = true;    // nothing will iterate any more
            }
        }

        // ---- the iterator: the loop's thread ----

        @Override
        public Coroutine<Boolean> hasNext() {
            if (fetched != NONE || poll()) {
                return AwaitThen.done(AsyncIO.class, "fromPublisher", true);
            }
            return new HasNext();
        }

        /**
         * {@code hasNext()} when nothing is buffered: waits until an element or the terminal signal is there. A
         * wake-up can find the buffer empty (the element that woke it was taken through the check made right after
         * the waiter was set, and its wake-up then took the next waiter): it looks again and waits again.
         */
        @HandWrittenCoroutine.Of(owner = AsyncIO.class, method = "fromPublisher")
        private final class HasNext extends HandWrittenCoroutine<Boolean> {
            private Future<Void> waiter;

            HasNext() {
            }

            @Override
            protected Object invokeSuspend() {
                if (waiter != null) {
                    waiter = null;
                    CoroutineSupport.resumeValue(this);     // a cancellation
                }
                for (;;) {
                    if (fetched != NONE || poll()) {
                        return complete(true);
                    }
                    Object end = terminal.get();
                    if (end != null || closed) {
                        // the elements signalled before the terminal signal may have arrived since the poll above
                        if (!closed && poll()) {
                            return complete(true);
                        }
                        if (end instanceof Throwable error) {
                            throw CoroutineSupport.sneakyThrow(error);
                        }
                        return complete(false);
                    }
                    Future<Void> w = loop.createFuture();
                    waiting.set(w);
                    if (!buffer.isEmpty() || terminal.get() != null) {
                        waiting.compareAndSet(w, null);     // it came meanwhile
                        continue;
                    }
                    waiter = w;
                    return CoroutineSupport.awaitFuture(w, this);
                }
            }
        }

        private boolean poll() {
            Object v = buffer.poll();
            if (v == null) {
                return false;
            }
            fetched = v;
            return true;
        }

        @SuppressWarnings("unchecked")
        @Override
        public T next() {
            Object v = fetched;
            if (v == NONE) {
                throw new NoSuchElementException("no element fetched from the publisher: await hasNext() first");
            }
            fetched = NONE;
            if (++taken >= refill && terminal.get() == null && !closed) {
                subscription.get().request(taken);
                taken = 0;
            }
            return (T) v;
        }

        /** Cancels the subscription (rule 2.8: the publisher may still signal a while; that is dropped). */
        @Override
        public Coroutine<Void> closeAsync() {
            if (!closed) {
                closed = true;
                Flow.Subscription s = subscription.getAndSet(CANCELLED);
                if (s != null && s != CANCELLED && terminal.get() == null) {
                    s.cancel();
                }
                buffer.clear();
                fetched = NONE;
            }
            return AwaitThen.done(AsyncIO.class, "fromPublisher", null);
        }

        private static final Flow.Subscription CANCELLED = new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        };
    }
}
