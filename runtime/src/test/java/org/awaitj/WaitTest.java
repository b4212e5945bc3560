package org.awaitj;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WaitTest {
    private final EventLoop loop = EventLoop.withVirtualTime();

    @Async
    Coroutine<String> after(double seconds, String value) {
        await(sleep(seconds));
        return result(value);
    }

    @Async
    Coroutine<String> failAfter(double seconds) throws IOException {
        await(sleep(seconds));
        throw new IOException("failed after " + seconds);
    }

    @Async
    Coroutine<String> waitFor(ReturnWhen when, double timeout) throws IOException {
        Task<String> a = createTask(after(1, "a"));
        Task<String> b = createTask(failAfter(2));
        Task<String> c = createTask(after(3, "c"));
        WaitResult<String> r = await(AsyncIO.wait(List.of(a, b, c), when, timeout));
        String s = r.done().size() + " done, " + r.pending().size() + " pending at " + getRunningLoop().time();
        for (Task<String> t : List.of(a, b, c)) {
            t.cancel();
        }
        return result(s);
    }

    @Async
    Coroutine<List<String>> completionOrder() {
        List<String> order = new ArrayList<>();
        for (Future<String> f : asCompleted(List.of(after(3, "three"), after(1, "one"), after(2, "two")))) {
            order.add(await(f) + "@" + getRunningLoop().time());
        }
        return result(order);
    }

    @Async
    Coroutine<List<String>> completionWithTimeout() {
        List<String> order = new ArrayList<>();
        for (Future<String> f : asCompleted(List.of(after(3, "three"), after(1, "one")), 2)) {
            try {
                order.add(await(f));
            } catch (Exception e) {     // await(future) declares nothing: its TimeoutException is unchecked here
                order.add(e.getClass().getSimpleName() + "@" + getRunningLoop().time());
            }
        }
        return result(order);
    }

    @Test
    void waitReturnsWhenTheFirstCompletes() throws IOException {
        assertEquals("1 done, 2 pending at 1.0", loop.runUntilComplete(waitFor(FIRST_COMPLETED, Double.POSITIVE_INFINITY)));
    }

    @Test
    void waitReturnsAtTheFirstException() throws IOException {
        assertEquals("2 done, 1 pending at 2.0", loop.runUntilComplete(waitFor(FIRST_EXCEPTION, Double.POSITIVE_INFINITY)));
    }

    @Test
    void waitReturnsWhenAllComplete() throws IOException {
        assertEquals("3 done, 0 pending at 3.0", loop.runUntilComplete(waitFor(ALL_COMPLETED, Double.POSITIVE_INFINITY)));
    }

    @Test
    void waitReturnsAtTheTimeoutAndCancelsNothing() throws IOException {
        assertEquals("1 done, 2 pending at 1.5", loop.runUntilComplete(waitFor(ALL_COMPLETED, 1.5)));
    }

    @Test
    void asCompletedYieldsInCompletionOrder() {
        assertEquals(List.of("one@1.0", "two@2.0", "three@3.0"), loop.runUntilComplete(completionOrder()));
    }

    @Test
    void asCompletedFailsTheRestAtItsTimeout() {
        assertEquals(List.of("one", "TimeoutException@2.0"), loop.runUntilComplete(completionWithTimeout()));
    }
}
