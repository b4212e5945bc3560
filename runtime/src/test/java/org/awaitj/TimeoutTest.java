package org.awaitj;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeoutTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    private double now() {
        return getRunningLoop().time();
    }

    @Async
    Coroutine<String> slow(double seconds) {
        try {
            await(sleep(seconds));
            return result("slow done");
        } finally {
            log.add("slow finally at " + now());
        }
    }

    @Async
    Coroutine<String> waitForExpires() {
        try {
            return result(await(waitFor(slow(10), 2)));
        } catch (TimeoutException e) {
            return result("timed out at " + now() + ", cause " + e.getCause().getClass().getSimpleName());
        }
    }

    @Async
    Coroutine<String> waitForInTime() throws TimeoutException {
        return result(await(waitFor(slow(1), 2)) + " at " + now());
    }

    @Async
    Coroutine<String> timeoutBlock(double deadline) {
        try (Timeout t = timeout(deadline)) {
            await(sleep(5));
            log.add("body done");
        } catch (TimeoutException e) {
            return result("timeout at " + now());
        }
        return result("in time at " + now());
    }

    @Async
    Coroutine<String> outerCancellationPassesThrough() {
        Task<String> t = createTask(timeoutBlock(10));
        await(sleep(1));
        t.cancel();
        try {
            return result(await(t));
        } catch (CancellationException e) {
            return result("cancelled, not timed out");
        }
    }

    @Async
    Coroutine<String> nested() {
        try (Timeout outer = timeout(2)) {
            try (Timeout inner = timeout(10)) {
                await(sleep(5));
            } catch (TimeoutException e) {
                return result("inner caught it");
            }
        } catch (TimeoutException e) {
            return result("outer timed out at " + now());
        }
        return result("none");
    }

    @Test
    void waitForCancelsTheInnerTaskAndThrowsTimeoutException() {
        assertEquals("timed out at 2.0, cause CancellationException", loop.runUntilComplete(waitForExpires()));
        assertEquals(List.of("slow finally at 2.0"), log);
    }

    @Test
    void waitForReturnsTheResultInTime() throws TimeoutException {
        assertEquals("slow done at 1.0", loop.runUntilComplete(waitForInTime()));
    }

    @Test
    void aTimeoutBlockTurnsItsCancellationIntoTimeoutException() {
        assertEquals("timeout at 1.5", loop.runUntilComplete(timeoutBlock(1.5)));
        assertEquals(List.of(), log);
    }

    @Test
    void aTimeoutBlockThatFinishesInTimeDoesNothing() {
        assertEquals("in time at 5.0", loop.runUntilComplete(timeoutBlock(6)));
        assertEquals(List.of("body done"), log);
    }

    @Test
    void aCancellationFromOutsideIsNotTurnedIntoATimeout() {
        assertEquals("cancelled, not timed out", loop.runUntilComplete(outerCancellationPassesThrough()));
    }

    @Test
    void onlyTheTimeoutThatExpiredReportsIt() {
        assertEquals("outer timed out at 2.0", loop.runUntilComplete(nested()));
    }
}
