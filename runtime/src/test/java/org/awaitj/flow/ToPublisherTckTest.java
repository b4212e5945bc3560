package org.awaitj.flow;

import java.util.concurrent.Flow;

import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;

import static org.awaitj.AsyncIO.toPublisher;

/** The Reactive Streams TCK's publisher rules, for {@code toPublisher} of an async generator. */
public class ToPublisherTckTest extends FlowPublisherVerification<Long> {
    private final LoopThread loop = new LoopThread();

    public ToPublisherTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNALS_MILLIS), Tck.GC_TIMEOUT_MILLIS);
    }

    @AfterClass
    public void stopLoop() throws InterruptedException {
        loop.close();
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return loop.publisherOfRange(elements);
    }

    /** A source that cannot be iterated: the subscriber gets onSubscribe, then onError. */
    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return loop.call(() -> toPublisher(() -> {
            throw new IllegalStateException("this source cannot be iterated");
        }));
    }
}
