package org.awaitj;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventLoopTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    private void runUntilIdle() {
        loop.callLater(1000, loop::stop);
        loop.runForever();
    }

    @Test
    void callbacksRunInTheOrderTheyWereScheduled() {
        loop.callSoon(() -> log.add("a"));
        loop.callSoon(() -> log.add("b"));
        loop.callSoon(() -> log.add("c"));
        runUntilIdle();
        assertEquals(List.of("a", "b", "c"), log);
    }

    @Test
    void aCallbackScheduledByACallbackWaitsForTheNextTurn() {
        loop.callSoon(() -> {
            log.add("first");
            loop.callSoon(() -> log.add("scheduled by first"));
        });
        loop.callSoon(() -> log.add("second"));
        runUntilIdle();
        assertEquals(List.of("first", "second", "scheduled by first"), log);
    }

    @Test
    void timersFireInTimeOrderAndTiesInSchedulingOrder() {
        loop.callLater(2, () -> log.add("2s at " + loop.time()));
        loop.callLater(1, () -> log.add("1s-a at " + loop.time()));
        loop.callAt(loop.time() + 1, () -> log.add("1s-b at " + loop.time()));
        loop.callSoon(() -> log.add("soon at " + loop.time()));
        runUntilIdle();
        assertEquals(List.of("soon at 0.0", "1s-a at 1.0", "1s-b at 1.0", "2s at 2.0"), log);
    }

    @Test
    void aCancelledHandleDoesNotRun() {
        Handle h = loop.callLater(1, () -> log.add("cancelled"));
        loop.callSoon(() -> log.add("kept"));
        h.cancel();
        assertTrue(h.isCancelled());
        runUntilIdle();
        assertEquals(List.of("kept"), log);
    }

    @Test
    void aFailingCallbackDoesNotStopTheLoop() {
        loop.callSoon(() -> {
            throw new IllegalStateException("boom");
        });
        loop.callSoon(() -> log.add("after"));
        runUntilIdle();
        assertEquals(List.of("after"), log);
    }

    @Test
    void callSoonThreadsafeWakesASleepingLoop() throws Exception {
        EventLoop real = new EventLoop();
        Future<String> f = real.createFuture();
        Thread other = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            real.callSoonThreadsafe(() -> f.setResult("from another thread"));
        });
        other.start();
        assertEquals("from another thread", real.runUntilComplete(f));
        other.join();
        real.close();
    }

    @Test
    void runUntilCompleteReturnsTheResultAndRethrowsTheException() {
        Future<Integer> ok = loop.createFuture();
        loop.callLater(1, () -> ok.setResult(7));
        assertEquals(7, loop.runUntilComplete(ok));
        Future<Integer> failed = loop.createFuture();
        Exception boom = new Exception("checked");
        loop.callSoon(() -> failed.setException(boom));
        assertEquals(boom, assertThrows(Exception.class, () -> loop.runUntilComplete(failed)));
    }

    @Test
    void aClosedLoopRefusesWork() {
        loop.close();
        assertTrue(loop.isClosed());
        assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> { }));
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(() -> { }));
        assertThrows(IllegalStateException.class, loop::runForever);
    }

    @Test
    void theRunningLoopIsVisibleOnlyWhileItRuns() {
        AtomicReference<EventLoop> seen = new AtomicReference<>();
        loop.callSoon(() -> seen.set(AsyncIO.getRunningLoop()));
        assertFalse(loop.isRunning());
        runUntilIdle();
        assertEquals(loop, seen.get());
        assertThrows(IllegalStateException.class, AsyncIO::getRunningLoop);
    }

    @Test
    void virtualTimeJumpsToTheNextTimer() {
        loop.callLater(3600, () -> {
            log.add("an hour later at " + loop.time());
            loop.stop();
        });
        loop.runForever();
        assertEquals(List.of("an hour later at 3600.0"), log);
        assertEquals(3600.0, loop.time());
    }
}
