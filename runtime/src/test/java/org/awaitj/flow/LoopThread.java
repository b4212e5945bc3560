package org.awaitj.flow;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.awaitj.AsyncGenerator;
import org.awaitj.AsyncIterable;
import org.awaitj.AsyncIterator;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Task;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/**
 * An event loop running on a thread of its own for the TCK, whose tests run on theirs: the loop's side of
 * toPublisher and fromPublisher is made and iterated there.
 */
final class LoopThread implements AutoCloseable {
    final EventLoop loop = new EventLoop();
    private final Thread thread = new Thread(loop::runForever, "tck-loop");

    LoopThread() {
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code what} on the loop's thread and returns what it gave. */
    <T> T call(Supplier<T> what) {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            try {
                f.complete(what.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A count from 0 to n-1 as an async generator, emitting without awaiting, and after a yield each 64. */
    @Async
    static AsyncGenerator<Long> range(long n) {
        for (long i = 0; i < n; i++) {
            if ((i & 63) == 63) {
                await(sleep(0));
            }
            emit(i);
        }
        return finish();
    }

    /** The publisher of {@code range(n)}, each subscription iterating a new generator. */
    Flow.Publisher<Long> publisherOfRange(long n) {
        return call(() -> toPublisher(() -> range(n).iterator()));
    }

    /** The subscriber that fromPublisher subscribes, and the task that drains it, on the loop. */
    record Drain<T>(Flow.Subscriber<T> subscriber, Task<Void> task) {
    }

    @SuppressWarnings("unchecked")
    <T> Drain<T> drain() {
        return call(() -> {
            Flow.Subscriber<T>[] captured = new Flow.Subscriber[1];
            AsyncIterable<T> items = fromPublisher(s -> captured[0] = (Flow.Subscriber<T>) s);
            Task<Void> task = createTask(drain(items.iterator()));
            return new Drain<>(captured[0], task);
        });
    }

    /** Takes every element; the TCK decides how the stream ends. */
    @Async
    static <T> Coroutine<Void> drain(AsyncIterator<T> iterator) {
        try (AsyncIterator<T> it = iterator) {
            while (await(it.hasNext())) {
                it.next();
            }
        } catch (Throwable e) {
            // the TCK's onError, or a cancellation: this drain has nothing to report
        }
        return result();
    }

    @Override
    public void close() throws InterruptedException {
        loop.callSoonThreadsafe(loop::stop);
        thread.join(10_000);
        loop.close();
    }

}
