package org.awaitj;

import java.util.concurrent.Flow;

final class IterablePublisher<T> implements Flow.Publisher<T> {
    IterablePublisher(EventLoop loop, AsyncIterable<T> source) {}
    public void subscribe(Flow.Subscriber<? super T> s) {}
}
