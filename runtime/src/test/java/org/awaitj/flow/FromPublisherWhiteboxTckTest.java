package org.awaitj.flow;

import java.util.concurrent.Flow;

import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberWhiteboxVerification;
import org.testng.annotations.AfterClass;

/**
 * The TCK's subscriber rules, white box, for the subscriber of {@code fromPublisher}: the probe sees each
 * signal after the subscriber took it. The drain requests on its own (a window of 16, refilled as it takes),
 * which is at least what the puppet's {@code triggerRequest} asks; its {@code signalCancel} cancels the
 * draining task, whose try-with-resources then closes the iteration and so cancels the subscription.
 */
public class FromPublisherWhiteboxTckTest extends FlowSubscriberWhiteboxVerification<Integer> {
    private final LoopThread loop = new LoopThread();

    public FromPublisherWhiteboxTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNALS_MILLIS));
    }

    @AfterClass
    public void stopLoop() throws InterruptedException {
        loop.close();
    }

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        LoopThread.Drain<Integer> drain = loop.drain();
        Flow.Subscriber<Integer> ours = drain.subscriber();
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                ours.onSubscribe(s);
                probe.registerOnSubscribe(new SubscriberPuppet() {
                    @Override
                    public void triggerRequest(long elements) {
                    }

                    @Override
                    public void signalCancel() {
                        loop.loop.callSoonThreadsafe(() -> drain.task().cancel());
                    }
                });
            }

            @Override
            public void onNext(Integer item) {
                ours.onNext(item);
                probe.registerOnNext(item);
            }

            @Override
            public void onError(Throwable error) {
                ours.onError(error);
                probe.registerOnError(error);
            }

            @Override
            public void onComplete() {
                ours.onComplete();
                probe.registerOnComplete();
            }
        };
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
