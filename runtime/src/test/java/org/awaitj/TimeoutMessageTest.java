package org.awaitj;

import java.util.concurrent.TimeoutException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A TimeoutException says which deadline expired, how long it was, and where it was set. */
class TimeoutMessageTest {
    private final EventLoop loop = EventLoop.withVirtualTime();

    @Async
    Coroutine<String> block() {
        Timeout deadline = timeout(0.5);
        try (deadline) { // the block
            await(sleep(5));
            return result("in time");
        } catch (TimeoutException e) {
            return result(e.getMessage());
        }
    }

    @Async
    Coroutine<String> waiting() {
        try {
            return result(await(waitFor(sleep(5, "in time"), 0.25))); // the wait
        } catch (TimeoutException e) {
            return result(e.getMessage());
        }
    }

    @Test
    void aTimeoutBlockNamesItsDurationAndWhereItWasEntered() {
        assertEquals("timeout(0.5) expired at loop time 0.500, in the block at org.awaitj.TimeoutMessageTest.block("
                + "TimeoutMessageTest.java:" + Reports.lineOf(getClass(), "the block") + ")",
                loop.runUntilComplete(block()));
    }

    @Test
    void waitForNamesWhatItAwaitedItsDurationAndTheAwait() {
        assertEquals("waitFor(AsyncIO.sleep(5.0), 0.25) expired after 0.25 seconds, awaited at "
                + "org.awaitj.TimeoutMessageTest.waiting(TimeoutMessageTest.java:" + Reports.lineOf(getClass(), "the wait") + ")",
                loop.runUntilComplete(waiting()));
    }
}
