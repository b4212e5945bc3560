package org.awaitj;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CancellationTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    private double now() {
        return getRunningLoop().time();
    }

    @Async
    Coroutine<String> sleeper(double seconds) {
        try {
            await(sleep(seconds));
            return result("slept");
        } catch (CancellationException e) {
            log.add("cancelled with '" + e.getMessage() + "' at " + now());
            throw e;
        } finally {
            await(sleep(1));     // finally blocks run, and may await
            log.add("finally done at " + now());
        }
    }

    @Async
    Coroutine<String> stubborn() {
        try {
            await(sleep(10));
        } catch (CancellationException e) {
            log.add("ignored the cancellation at " + now());
        }
        return result("returned normally");
    }

    @Async
    Coroutine<String> middle() {
        return result(await(createTask(sleeper(100))));
    }

    @Async
    Coroutine<String> cancelAndObserve(Coroutine<String> victim, String msg) {
        Task<String> t = createTask(victim);
        await(sleep(1));
        assertTrue(t.cancel(msg));
        try {
            String r = await(t);
            return result(r + " cancelled=" + t.isCancelled());
        } catch (CancellationException e) {
            return result("awaiting it threw at " + now() + " cancelled=" + t.isCancelled());
        }
    }

    @Async
    Coroutine<String> cancelBeforeStart() {
        Task<String> t = createTask(sleeper(1));
        t.cancel();
        try {
            await(t);
            return result("ran");
        } catch (CancellationException e) {
            return result("cancelled before it started");
        }
    }

    @Async
    Coroutine<String> cancelsItself() {
        currentTask().cancel("self");
        try {
            await(sleep(3600));
            return result("slept an hour");
        } catch (CancellationException e) {
            return result("woke at " + now() + " with '" + e.getMessage() + "'");
        }
    }

    @Async
    Coroutine<String> shielded() {
        Task<String> inner = createTask(sleeper(2));
        Task<String> outer = createTask(awaitShield(inner));
        await(sleep(1));
        outer.cancel();
        String r = await(inner);
        return result(r + " at " + now() + "; outer cancelled=" + outer.isCancelled());
    }

    @Async
    Coroutine<String> awaitShield(Task<String> inner) {
        return result(await(shield(inner)));
    }

    @Test
    void theCancelledAwaitThrowsAndFinallyBlocksRunAndMayAwait() {
        assertEquals("awaiting it threw at 2.0 cancelled=true", loop.runUntilComplete(cancelAndObserve(sleeper(10), "stop")));
        assertEquals(List.of("cancelled with 'stop' at 1.0", "finally done at 2.0"), log);
    }

    @Test
    void aTaskThatCatchesTheCancellationAndReturnsIsNotCancelled() {
        assertEquals("returned normally cancelled=false", loop.runUntilComplete(cancelAndObserve(stubborn(), null)));
        assertEquals(List.of("ignored the cancellation at 1.0"), log);
    }

    @Test
    void cancellingATaskCancelsTheTaskItAwaits() {
        assertEquals("awaiting it threw at 2.0 cancelled=true", loop.runUntilComplete(cancelAndObserve(middle(), "down")));
        assertEquals(List.of("cancelled with 'down' at 1.0", "finally done at 2.0"), log);
    }

    @Test
    void aTaskCancelledBeforeItStartsRunsNothing() {
        assertEquals("cancelled before it started", loop.runUntilComplete(cancelBeforeStart()));
        assertEquals(List.of(), log);
    }

    @Test
    void aTaskThatCancelsItselfStopsAtItsNextAwait() {
        assertEquals("woke at 0.0 with 'self'", loop.runUntilComplete(cancelsItself()));
    }

    @Test
    void shieldKeepsTheInnerTaskRunning() {
        assertEquals("slept at 3.0; outer cancelled=true", loop.runUntilComplete(shielded()));
        assertEquals(List.of("finally done at 3.0"), log);
    }

    @Test
    void cancelAfterDoneReturnsFalse() {
        Future<String> f = loop.createFuture();
        f.setResult("x");
        assertFalse(f.cancel());
    }
}
