package org.awaitj;

import java.util.concurrent.Flow;

final class PublisherIterable {
    static <T> AsyncIterable<T> of(Flow.Publisher<T> p, int batch) { throw new UnsupportedOperationException(); }
}
