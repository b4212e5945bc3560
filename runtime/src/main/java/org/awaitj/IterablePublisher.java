package org.awaitj;

import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * {@code AsyncIO.toPublisher}: a {@link Flow.Publisher} whose every subscription iterates the source anew on
 * the loop, in a task of its own ({@link Emission}). Any thread may subscribe; the subscriber's signals all
 * come from the loop's thread, one at a time.
 */
final class IterablePublisher<T> implements Flow.Publisher<T> {
    private final EventLoop loop;
    private final AsyncIterable<T> source;

    IterablePublisher(EventLoop loop, AsyncIterable<T> source) {
        this.loop = loop;
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");     // rule 1.9
        Emission<T> emission = new Emission<>(loop, source, subscriber);
        try {
            loop.callSoonThreadsafe(emission::start);
        } catch (IllegalStateException closed) {
            // rule 1.9: onSubscribe first, even to refuse
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("toPublisher: the event loop of the source is closed", closed));
        }
    }

    @Override
    public String toString() {
        return "<toPublisher of " + source + ">";
    }
}
