package org.awaitj.flow;

import java.util.concurrent.Flow;

import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;

/** The TCK's subscriber rules, black box, for the subscriber of {@code fromPublisher}, drained on a loop. */
public class FromPublisherBlackboxTckTest extends FlowSubscriberBlackboxVerification<Integer> {
    private final LoopThread loop = new LoopThread();

    public FromPublisherBlackboxTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNALS_MILLIS));
    }

    @AfterClass
    public void stopLoop() throws InterruptedException {
        loop.close();
    }

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        return loop.<Integer>drain().subscriber();
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
