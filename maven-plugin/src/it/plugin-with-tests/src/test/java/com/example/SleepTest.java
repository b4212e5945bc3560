package com.example;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.test.AsyncTesting.runTest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;
import org.awaitj.test.AsyncTest;
import org.awaitj.test.TestLoop;

/** Five seconds of sleep on the test loop's virtual clock: the test takes no real time. */
class SleepTest {
    @AsyncTest
    void sleepsFiveSeconds() {
        runTest(this::sleepsFiveSeconds);
    }

    @Async
    Coroutine<Void> sleepsFiveSeconds(TestLoop loop) {
        await(sleep(5));
        assertEquals(5.0, loop.time());
        return result();
    }
}
