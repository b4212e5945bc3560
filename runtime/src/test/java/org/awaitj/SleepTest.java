package org.awaitj;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SleepTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    @Async
    Coroutine<Void> ticker(String name, int ticks) {
        for (int i = 0; i < ticks; i++) {
            log.add(name + i);
            await(sleep(0));
        }
        return result();
    }

    @Async
    Coroutine<Void> twoTickers() {
        Task<Void> a = createTask(ticker("a", 3));
        Task<Void> b = createTask(ticker("b", 3));
        await(a);
        await(b);
        return result();
    }

    @Async
    Coroutine<String> sleepForms() {
        await(sleep(Duration.ofMillis(1500)));
        double afterDuration = getRunningLoop().time();
        String v = await(sleep(0.5, "value"));
        return result(afterDuration + " " + v + " " + getRunningLoop().time());
    }

    @Test
    void sleepZeroLetsTheOtherReadyTasksRunOnce() {
        loop.runUntilComplete(twoTickers());
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), log);
        assertEquals(0.0, loop.time());
    }

    @Test
    void sleepTakesSecondsOrADurationAndCanYieldAValue() {
        assertEquals("1.5 value 2.0", loop.runUntilComplete(sleepForms()));
    }

    @Test
    void sleepRefusesNaN() {
        assertThrows(IllegalArgumentException.class, () -> sleep(Double.NaN));
    }
}
