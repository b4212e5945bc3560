package org.awaitj;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** timeoutAt and Timeout's when/reschedule/expired, as asyncio.timeout_at: deadlines in loop time. */
@org.junit.jupiter.api.Timeout(value = 30, unit = TimeUnit.SECONDS)
class TimeoutAtTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    private double now() {
        return getRunningLoop().time();
    }

    @Async
    Coroutine<String> deadlineInLoopTime() {
        await(sleep(1));
        try (Timeout t = timeoutAt(3)) {
            log.add("when " + t.when() + " expired " + t.expired());
            await(sleep(10));
        } catch (TimeoutException e) {
            return result("timed out at " + now());
        }
        return result("in time");
    }

    @Test
    void timeoutAtTakesADeadlineInLoopTimeNotADelay() {
        assertEquals("timed out at 3.0", loop.runUntilComplete(deadlineInLoopTime()));
        assertEquals(List.of("when 3.0 expired false"), log);
    }

    @Async
    Coroutine<String> rescheduled(double first, double then, double work) {
        Timeout kept = null;
        try (Timeout t = timeoutAt(first)) {
            kept = t;
            await(sleep(1));
            t.reschedule(then);
            log.add("moved to " + t.when() + " at " + now());
            await(sleep(work));
        } catch (TimeoutException e) {
            return result("timed out at " + now() + " expired " + kept.expired());
        }
        return result("in time at " + now() + " expired " + kept.expired());
    }

    @Test
    void rescheduleLaterLetsSlowWorkFinish() {
        assertEquals("in time at 5.0 expired false", loop.runUntilComplete(rescheduled(2, 10, 4)));
    }

    @Test
    void rescheduleEarlierExpiresAtTheNewDeadline() {
        assertEquals("timed out at 3.0 expired true", loop.runUntilComplete(rescheduled(10, 3, 4)));
    }

    @Test
    void rescheduleIntoThePastExpiresOnTheNextTurn() {
        assertEquals("timed out at 1.0 expired true", loop.runUntilComplete(rescheduled(10, 0.5, 4)));
    }

    @Test
    void rescheduleToInfinityRemovesTheDeadline() {
        assertEquals("in time at 101.0 expired false",
                loop.runUntilComplete(rescheduled(2, Double.POSITIVE_INFINITY, 100)));
        assertEquals(List.of("moved to Infinity at 1.0"), log);
    }

    @Async
    Coroutine<String> misuse() throws TimeoutException {
        Timeout kept;
        try (Timeout t = timeoutAt(Double.POSITIVE_INFINITY)) {
            kept = t;
            try {
                t.reschedule(Double.NaN);
            } catch (IllegalArgumentException e) {
                log.add("NaN refused");
            }
            await(sleep(0));
        }
        try {
            kept.reschedule(5);
            return result("rescheduled after the block");
        } catch (IllegalStateException e) {
            return result("refused after the block");
        }
    }

    @Test
    void aDeadlineIsANumberAndCannotMoveOnceTheBlockEnded() throws TimeoutException {
        assertEquals("refused after the block", loop.runUntilComplete(misuse()));
        assertEquals(List.of("NaN refused"), log);
    }
}
