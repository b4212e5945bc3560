package org.awaitj.sync;

import org.awaitj.*;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    private static double now() {
        return getRunningLoop().time();
    }

    @Async
    Coroutine<Void> waiter(Event event, String name) {
        log.add(name + " waits");
        await(event.waitAsync());
        log.add(name + " woke at " + now());
        return result();
    }

    @Async
    Coroutine<Void> setterAfter(Event event, double seconds) {
        await(sleep(seconds));
        log.add("set");
        event.set();
        return result();
    }

    @Async
    Coroutine<Void> setWakesEveryWaiter() {
        Event event = new Event();
        assertFalse(event.isSet());
        Task<Void> a = createTask(waiter(event, "a"));
        Task<Void> b = createTask(waiter(event, "b"));
        Task<Void> c = createTask(waiter(event, "c"));
        await(setterAfter(event, 2));
        assertTrue(event.isSet());
        await(gather(a, b, c));
        assertEquals(0, event.waiterCount());
        return result();
    }

    @Test
    void setWakesEveryWaiterInOrder() {
        loop.runUntilComplete(setWakesEveryWaiter());
        assertEquals(List.of("a waits", "b waits", "c waits", "set", "a woke at 2.0", "b woke at 2.0", "c woke at 2.0"), log);
    }

    @Async
    Coroutine<Void> ticker() {
        log.add("tick");
        return result();
    }

    @Async
    Coroutine<Void> waitOnASetEventDoesNotSuspend() {
        Event event = new Event();
        event.set();
        event.set();                    // setting twice is harmless
        createTask(ticker());
        await(event.waitAsync());
        log.add("passed");              // before the ticker: waitAsync did not yield
        await(sleep(0));
        event.clear();
        assertFalse(event.isSet());
        Task<Void> w = createTask(waiter(event, "late"));
        await(sleep(1));
        log.add("still waiting: " + !w.isDone());
        event.set();
        await(w);
        return result();
    }

    @Test
    void aSetEventPassesAtOnceAndClearMakesWaitersWaitAgain() {
        loop.runUntilComplete(waitOnASetEventDoesNotSuspend());
        assertEquals(List.of("passed", "tick", "late waits", "still waiting: true", "late woke at 1.0"), log);
    }

    @Async
    Coroutine<Void> cancelAWaiter() {
        Event event = new Event();
        Task<Void> a = createTask(waiter(event, "a"));
        Task<Void> b = createTask(waiter(event, "b"));
        await(sleep(0));
        assertEquals(2, event.waiterCount());
        a.cancel();
        await(RuntimeTestSupport.outcome(a));
        assertEquals(1, event.waiterCount());
        event.set();
        await(b);
        assertTrue(a.isCancelled());
        assertEquals(0, event.waiterCount());
        return result();
    }

    @Test
    void aCancelledWaiterLeaves() {
        loop.runUntilComplete(cancelAWaiter());
        assertEquals(List.of("a waits", "b waits", "b woke at 0.0"), log);
    }

    @Async
    Coroutine<Void> setThenClearBeforeTheWaitersRun() {
        Event event = new Event();
        Task<Void> a = createTask(waiter(event, "a"));
        await(sleep(0));
        event.set();
        event.clear();          // a was woken by the set: it goes on, as in asyncio
        await(a);
        return result();
    }

    @Test
    void aWaiterWokenBySetGoesOnEvenIfClearedAgain() {
        loop.runUntilComplete(setThenClearBeforeTheWaitersRun());
        assertEquals(List.of("a waits", "a woke at 0.0"), log);
    }
}
