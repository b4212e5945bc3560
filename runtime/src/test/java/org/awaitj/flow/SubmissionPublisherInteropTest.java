package org.awaitj.flow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitj.AsyncGenerator;
import org.awaitj.AsyncIO;
import org.awaitj.AsyncIterable;
import org.awaitj.AsyncIterator;
import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fromPublisher with the JDK's SubmissionPublisher on other threads; toPublisher to a plain subscriber thread. */
class SubmissionPublisherInteropTest {
    /** Counts what was requested and delivered, to check the window. */
    static final class Watched<T> implements Flow.Publisher<T> {
        final Flow.Publisher<T> inner;
        final AtomicLong requested = new AtomicLong();
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong maxOutstanding = new AtomicLong();
        volatile boolean cancelled;

        Watched(Flow.Publisher<T> inner) {
            this.inner = inner;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super T> s) {
            inner.subscribe(new Flow.Subscriber<T>() {
                @Override
                public void onSubscribe(Flow.Subscription sub) {
                    s.onSubscribe(new Flow.Subscription() {
                        @Override
                        public void request(long n) {
                            requested.addAndGet(n);
                            maxOutstanding.accumulateAndGet(requested.get() - delivered.get(), Math::max);
                            sub.request(n);
                        }

                        @Override
                        public void cancel() {
                            cancelled = true;
                            sub.cancel();
                        }
                    });
                }

                @Override
                public void onNext(T item) {
                    delivered.incrementAndGet();
                    s.onNext(item);
                }

                @Override
                public void onError(Throwable t) {
                    s.onError(t);
                }

                @Override
                public void onComplete() {
                    s.onComplete();
                }
            });
        }
    }

    @Async
    Coroutine<Long> sum(AsyncIterable<Integer> items, int stopAt) {
        long sum = 0;
        try (AsyncIterator<Integer> it = items.iterator()) {
            while (await(it.hasNext())) {
                int v = it.next();
                if (v == stopAt) {
                    break;
                }
                sum += v;
            }
        }
        return result(sum);
    }

    @Async
    Coroutine<Long> sumSubmitted(Watched<Integer> watched, SubmissionPublisher<Integer> pub, int n, int batch, int stopAt) {
        AsyncIterable<Integer> items = fromPublisher(watched, batch);
        Coroutine<Long> summing = sum(items, stopAt);
        var producer = toThread(() -> {
            while (pub.getNumberOfSubscribers() == 0) {
                Thread.onSpinWait();
            }
            for (int i = 1; i <= n && !watched.cancelled; i++) {
                pub.submit(i);       // blocks while the subscriber's buffer is full
            }
            pub.close();
            return null;
        });
        long s = await(summing);
        await(producer);
        return result(s);
    }

    @Test
    void fromASubmissionPublisherWithBackPressure() {
        SubmissionPublisher<Integer> pub = new SubmissionPublisher<>();
        Watched<Integer> watched = new Watched<>(pub);
        assertEquals(5050L, AsyncIO.run(sumSubmitted(watched, pub, 100, 4, -1)));
        assertEquals(100, watched.delivered.get());
        assertTrue(watched.maxOutstanding.get() <= 4, "never more than the batch outstanding: " + watched.maxOutstanding);
    }

    @Test
    void closingEarlyCancelsTheSubscription() {
        SubmissionPublisher<Integer> pub = new SubmissionPublisher<>();
        Watched<Integer> watched = new Watched<>(pub);
        assertEquals(1L + 2 + 3, AsyncIO.run(sumSubmitted(watched, pub, 1000, 16, 4)));
        assertTrue(watched.cancelled);
        assertTrue(watched.delivered.get() < 1000, "stopped early: " + watched.delivered);
    }

    @Async
    Coroutine<String> failing() {
        SubmissionPublisher<Integer> pub = new SubmissionPublisher<>();
        AsyncIterator<Integer> it = fromPublisher(pub).iterator();
        pub.submit(7);
        List<Object> got = new ArrayList<>();
        try {
            while (await(it.hasNext())) {
                got.add(it.next());
                pub.closeExceptionally(new IOException("the source failed"));  // drops what it buffers: after 7
            }
        } catch (Exception e) {     // hasNext() declares nothing: the publisher's IOException is unchecked here
            got.add(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return result(got.toString());
    }

    @Test
    void thePublishersErrorIsThrownByHasNext() {
        assertEquals("[7, IOException: the source failed]", AsyncIO.run(failing()));
    }

    private final List<String> log = new CopyOnWriteArrayList<>();

    @Async
    AsyncGenerator<Integer> counted(int n) {
        try {
            for (int i = 0; i < n; i++) {
                log.add("emit " + i);
                emit(i);
                await(sleep(0.001));
            }
        } finally {
            log.add("cleanup");
        }
        return finish();
    }

    /** A subscriber on the test's thread: asks for 2, then cancels; the generator never ran past its demand. */
    @Async
    Coroutine<List<Integer>> publishTwoThenCancel() {
        Flow.Publisher<Integer> pub = toPublisher(counted(1000));
        List<Integer> got = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        Flow.Subscription[] sub = new Flow.Subscription[1];
        CountDownLatch subscribed = new CountDownLatch(1);
        var other = toThread(() -> {
            pub.subscribe(new Flow.Subscriber<Integer>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    sub[0] = s;
                    subscribed.countDown();
                }

                @Override
                public void onNext(Integer item) {
                    got.add(item);
                    two.countDown();
                }

                @Override
                public void onError(Throwable t) {
                    got.add(-1);
                }

                @Override
                public void onComplete() {
                    got.add(-2);
                }
            });
            assertTrue(subscribed.await(5, TimeUnit.SECONDS));
            sub[0].request(2);
            assertTrue(two.await(5, TimeUnit.SECONDS));
            return null;
        });
        await(other);
        await(sleep(0.05));
        log.add("taken " + got);
        sub[0].cancel();
        await(sleep(0.05));
        return result(got);
    }

    @Test
    void toPublisherRunsTheGeneratorOnlyAsFarAsRequested() {
        assertEquals(List.of(0, 1), AsyncIO.run(publishTwoThenCancel()));
        assertEquals(List.of("emit 0", "emit 1", "taken [0, 1]", "cleanup"), log);
    }

    @Test
    void roundTripThroughFlowOnOneLoop() {
        assertEquals(4950L, AsyncIO.run(roundTrip()));
    }

    @Async
    Coroutine<Long> roundTrip() {
        return sum(fromPublisher(toPublisher(() -> counted(100).iterator()), 3), -1);
    }
}
