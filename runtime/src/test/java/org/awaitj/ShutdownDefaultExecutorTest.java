package org.awaitj;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** loop.shutdownDefaultExecutor(timeout), as asyncio 3.12's: waits at most the timeout, then warns and returns. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShutdownDefaultExecutorTest {

    @Async
    Coroutine<String> waitsForTheWork() {
        Future<String> work = toThread(() -> {
            Thread.sleep(50);
            return "work done";
        });
        await(getRunningLoop().shutdownDefaultExecutor(30));
        return result(work.isDone() ? "after" : "before");     // the work handed its outcome over before it ended
    }

    @Test
    void itWaitsForTheWorkToFinishWhileTheLoopRuns() {
        EventLoop loop = new EventLoop();
        try {
            assertEquals("after", loop.runUntilComplete(waitsForTheWork()));
        } finally {
            loop.close();
        }
    }

    @Async
    Coroutine<Double> givesUpAfterTheTimeout(CountDownLatch release) {
        toThread(() -> release.await(20, TimeUnit.SECONDS));
        double began = getRunningLoop().time();
        await(getRunningLoop().shutdownDefaultExecutor(2.5));
        return result(getRunningLoop().time() - began);
    }

    @Test
    void pastTheTimeoutItWarnsAndReturnsOnTheLoopsClock() {
        EventLoop loop = EventLoop.withVirtualTime();
        CountDownLatch release = new CountDownLatch(1);
        try {
            assertEquals(2.5, loop.runUntilComplete(givesUpAfterTheTimeout(release)));
        } finally {
            release.countDown();
            loop.close();
        }
    }

    @Async
    Coroutine<String> toThreadAfterShutdown() {
        await(getRunningLoop().shutdownDefaultExecutor(1));
        try {
            toThread(() -> "never");
            return result("ran");
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }

    @Test
    void afterItToThreadIsRefusedAndWithoutAnyWorkItReturnsAtOnce() {
        EventLoop loop = EventLoop.withVirtualTime();
        try {
            String message = loop.runUntilComplete(toThreadAfterShutdown());
            assertTrue(message.contains("shut down"), message);
            assertEquals(0.0, loop.time());
        } finally {
            loop.close();
        }
    }

    @Test
    void aNegativeOrNaNTimeoutIsRefused() {
        EventLoop loop = EventLoop.withVirtualTime();
        assertThrows(IllegalArgumentException.class, () -> loop.shutdownDefaultExecutor(-1));
        assertThrows(IllegalArgumentException.class, () -> loop.shutdownDefaultExecutor(Double.NaN));
        loop.close();
    }
}
