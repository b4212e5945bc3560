package org.awaitj.flow;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.createTask;
import static org.awaitj.AsyncIO.sleep;
import static org.awaitj.AsyncIO.fromPublisher;
import static org.awaitj.AsyncIO.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.awaitj.AsyncIO;
import org.awaitj.AsyncIterator;
import org.awaitj.Coroutine;
import org.awaitj.Future;
import org.awaitj.Task;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A publisher that signals its last elements and onComplete from its own thread, right behind each other,
 * races the iteration's look at an empty buffer: the elements that came before the completion are all taken
 * before the iteration ends. And a wake-up that finds nothing buffered (the element that woke it was taken
 * already, by a look made right after the waiter was set) waits again rather than ending the iteration.
 */
class FromPublisherLosesNoElementTest {
    /** Emits 1..n on a thread of its own, as fast as demand allows, then completes. */
    private static Flow.Publisher<Integer> burst(int n) {
        return subscriber -> {
            Flow.Subscription s = new Flow.Subscription() {
                private long demand;
                private int next = 1;
                private boolean cancelled;
                private Thread thread;

                @Override
                public synchronized void request(long k) {
                    demand += k;
                    if (thread == null) {
                        thread = new Thread(this::run, "burst");
                        thread.setDaemon(true);
                        thread.start();
                    }
                    notifyAll();
                }

                @Override
                public synchronized void cancel() {
                    cancelled = true;
                    notifyAll();
                }

                private void run() {
                    while (true) {
                        synchronized (this) {
                            while (demand == 0 && !cancelled) {
                                try {
                                    wait();
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                            if (cancelled) {
                                return;
                            }
                            demand--;
                        }
                        subscriber.onNext(next);
                        if (next++ == n) {
                            subscriber.onComplete();
                            return;
                        }
                    }
                }
            };
            subscriber.onSubscribe(s);
        };
    }

    @Async
    static Coroutine<List<Integer>> drain(Flow.Publisher<Integer> publisher, int batch) {
        List<Integer> got = new ArrayList<>();
        try (AsyncIterator<Integer> it = fromPublisher(publisher, batch).iterator()) {
            while (await(it.hasNext())) {
                got.add(it.next());
            }
        }
        return result(got);
    }

    /** Hands the test the subscriber, and signals nothing by itself. */
    private static final class Silent implements Flow.Publisher<Integer> {
        Flow.Subscriber<? super Integer> subscriber;

        @Override
        public void subscribe(Flow.Subscriber<? super Integer> s) {
            subscriber = s;
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
        }
    }

    /** The future the iteration waits on: what its wake-ups complete. */
    @SuppressWarnings("unchecked")
    private static Future<Void> waiterOf(Object iteration) throws ReflectiveOperationException {
        java.lang.reflect.Field f = iteration.getClass().getDeclaredField("waiting");
        f.setAccessible(true);
        return ((java.util.concurrent.atomic.AtomicReference<Future<Void>>) f.get(iteration)).get();
    }

    @Async
    static Coroutine<List<String>> wokenWithNothingBuffered() throws ReflectiveOperationException {
        Silent publisher = new Silent();
        List<String> log = new ArrayList<>();
        try (AsyncIterator<Integer> it = fromPublisher(publisher, 4).iterator()) {
            Task<Boolean> waiting = createTask(it.hasNext());
            await(sleep(0));
            waiterOf(publisher.subscriber).setResult(null);    // a wake-up whose element is gone
            await(sleep(0));
            await(sleep(0));
            log.add("ended: " + waiting.isDone());
            publisher.subscriber.onNext(7);
            log.add("hasNext: " + await(waiting));
            log.add("next: " + it.next());
        }
        return result(log);
    }

    @Test
    void aWakeUpThatFindsNothingBufferedWaitsAgain() throws ReflectiveOperationException {
        assertEquals(List.of("ended: false", "hasNext: true", "next: 7"), AsyncIO.run(wokenWithNothingBuffered()));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyElementBeforeTheCompletionIsTaken() {
        for (int round = 0; round < 300; round++) {
            int n = 1 + round % 37;
            int batch = 1 + round % 16;
            List<Integer> got = AsyncIO.run(drain(burst(n), batch));
            assertEquals(n, got.size(), "round " + round + ": batch " + batch + " took " + got);
        }
    }
}
