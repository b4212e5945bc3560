package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import org.awaitj.AsyncGenerator;
import org.awaitj.AsyncIO;
import org.awaitj.AsyncIterable;
import org.awaitj.AsyncIterator;
import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;
import org.awaitj.io.StreamReader;

/**
 * Python's {@code async def} with {@code yield} and {@code async for}: an async generator, a consumer that
 * leaves early (closing runs the generator's finally, which awaits), a generator of a generator, the lines of
 * a stream, and both directions of {@link Flow}. About 0.1 seconds.
 */
public class AsyncGenerators {

    @Async
    static AsyncGenerator<Integer> ticks(int n) {
        try {
            for (int i = 0; i < n; i++) {
                await(sleep(0.01));
                System.out.println("  ticks emits " + i);
                emit(i);
            }
        } finally {
            await(sleep(0));
            System.out.println("  ticks cleans up");
        }
        return finish();
    }

    @Async
    static AsyncGenerator<String> squares(AsyncGenerator<Integer> source) {
        try (AsyncIterator<Integer> it = source.iterator()) {
            while (await(it.hasNext())) {
                int v = it.next();
                emit(v + "^2=" + v * v);
            }
        }
        return finish();
    }

    @Async
    static Coroutine<Void> main() {
        System.out.println("async for v in ticks(5), leaving at 2:");
        try (AsyncIterator<Integer> it = ticks(5).iterator()) {
            while (await(it.hasNext())) {
                int v = it.next();
                System.out.println("got " + v);
                if (v == 2) {
                    break;
                }
            }
        }
        System.out.println("a generator of a generator:");
        try (AsyncIterator<String> it = squares(ticks(3)).iterator()) {
            while (await(it.hasNext())) {
                System.out.println("got " + it.next());
            }
        }
        System.out.println("async for line in reader:");
        StreamReader reader = new StreamReader();
        reader.feedData("first\nsecond\nlast".getBytes(StandardCharsets.UTF_8));
        reader.feedEof();
        try (AsyncIterator<byte[]> it = reader.lines().iterator()) {
            while (await(it.hasNext())) {
                System.out.println("line " + new String(it.next(), StandardCharsets.UTF_8).strip());
            }
        }
        System.out.println("a SubmissionPublisher on another thread, iterated with back-pressure:");
        SubmissionPublisher<String> publisher = new SubmissionPublisher<>();
        AsyncIterable<String> words = fromPublisher(publisher, 2);
        try (AsyncIterator<String> it = words.iterator()) {
            var producer = toThread(() -> {
                for (String w : new String[] {"alpha", "beta", "gamma"}) {
                    publisher.submit(w);
                }
                publisher.close();
                return null;
            });
            while (await(it.hasNext())) {
                System.out.println("got " + it.next());
            }
            await(producer);
        }
        System.out.println("a generator as a Flow.Publisher, to a subscriber that asks for 2:");
        Flow.Publisher<Integer> published = toPublisher(ticks(10));
        var done = new java.util.concurrent.CompletableFuture<Void>();
        published.subscribe(new Flow.Subscriber<Integer>() {
            private Flow.Subscription subscription;
            private int seen;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(2);
            }

            @Override
            public void onNext(Integer item) {
                System.out.println("subscriber got " + item);
                if (++seen == 2) {
                    subscription.cancel();
                    done.complete(null);
                }
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        await(done);
        await(sleep(0.05));     // the cancelled generator's cleanup runs on the loop meanwhile
        return result();
    }

    public static void main(String[] args) {
        AsyncIO.run(main());
    }
}
