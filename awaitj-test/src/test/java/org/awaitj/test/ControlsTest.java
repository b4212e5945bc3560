package org.awaitj.test;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.createTask;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.AsyncIO.sleep;
import static org.awaitj.test.AsyncTesting.runTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.annotations.Async;
import org.awaitj.sync.Event;

/** The controls a test's coroutine awaits: advance the clock, run what is ready, run until idle. */
class ControlsTest {
    private final List<String> log = new ArrayList<>();

    @Async
    Coroutine<Void> steps(String name, int n) {
        for (int i = 0; i < n; i++) {
            log.add(name + i);
            await(sleep(0));
        }
        return result();
    }

    @Async
    Coroutine<Void> logsAt(double seconds, String what) {
        await(sleep(seconds));
        log.add(what);
        return result();
    }

    @AsyncTest
    void runReadyRunsTheReadyTasksToTheirNextWaitWithoutMovingTheClock() {
        runTest(this::runReadyRunsTheReadyTasksToTheirNextWaitWithoutMovingTheClock);
    }

    @Async
    Coroutine<Void> runReadyRunsTheReadyTasksToTheirNextWaitWithoutMovingTheClock(TestLoop loop) {
        Task<Void> a = createTask(steps("a", 3));
        Task<Void> b = createTask(steps("b", 2));
        Task<Void> late = createTask(logsAt(1, "late"));
        await(loop.runReady());
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2"), log);
        assertTrue(a.isDone() && b.isDone());
        assertFalse(late.isDone());
        assertEquals(0.0, loop.time());
        await(late);
        return result();
    }

    @AsyncTest
    void advanceFiresTheTimersDueMeanwhileAndStopsAtTheDuration() {
        runTest(this::advanceFiresTheTimersDueMeanwhileAndStopsAtTheDuration);
    }

    @Async
    Coroutine<Void> advanceFiresTheTimersDueMeanwhileAndStopsAtTheDuration(TestLoop loop) {
        List<Task<Void>> early = List.of(createTask(logsAt(1, "1s")), createTask(logsAt(2, "2s")));
        Task<Void> five = createTask(logsAt(5, "5s"));
        await(loop.runReady());                     // the tasks set their timers
        await(loop.advance(2));
        assertEquals(2.0, loop.time());
        assertEquals(List.of("1s", "2s"), log);     // the task's 2 s timer was set first: it fires before advance returns
        await(loop.advance(Duration.ofMillis(2500)));
        assertEquals(4.5, loop.time());
        assertFalse(five.isDone());
        await(five);
        assertTrue(early.stream().allMatch(Task::isDone));
        return result();
    }

    @AsyncTest
    void runUntilIdleRunsEveryTimerUntilNothingIsLeftButWhatWaitsForever() {
        runTest(this::runUntilIdleRunsEveryTimerUntilNothingIsLeftButWhatWaitsForever);
    }

    @Async
    Coroutine<Void> runUntilIdleRunsEveryTimerUntilNothingIsLeftButWhatWaitsForever(TestLoop loop) {
        Event never = new Event();
        Task<Void> waiter = createTask(waitsFor(never));
        createTask(logsAt(7, "7s"));
        createTask(logsAt(3, "3s"));
        await(loop.runUntilIdle());
        assertEquals(List.of("3s", "7s"), log);
        assertEquals(7.0, loop.time());
        assertFalse(waiter.isDone());
        never.set();
        await(waiter);
        return result();
    }

    @Async
    Coroutine<Void> waitsFor(Event e) {
        await(e.waitAsync());
        return result();
    }
}
