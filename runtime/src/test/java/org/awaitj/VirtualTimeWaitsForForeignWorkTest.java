package org.awaitj;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Virtual time does not jump over a timer while work it waits on runs elsewhere, and jumps again once it is done. */
class VirtualTimeWaitsForForeignWorkTest {
    private final EventLoop loop = EventLoop.withVirtualTime();

    @AfterEach
    void close() {
        loop.close();
    }

    @Async
    Coroutine<Integer> slowThreadUnderATimeout() throws TimeoutException {
        return result(await(waitFor(toThread(() -> {
            Thread.sleep(100);
            return 1;
        }), 5.0)));
    }

    @Test
    void aThreadIsWaitedForRatherThanTimedOutByAJump() throws TimeoutException {
        assertEquals(1, loop.runUntilComplete(slowThreadUnderATimeout()));
        assertTrue(loop.time() < 5.0, "the clock went on to " + loop.time());
        assertEquals(0, loop.foreignInFlight);
    }

    @Async
    Coroutine<Void> awaits(CompletableFuture<Void> stage) {
        await(stage);
        return result();
    }

    @Test
    void aCancelledWaitNoLongerHoldsTheClock() {
        CompletableFuture<Void> nobodyCompletes = new CompletableFuture<>();
        assertThrows(TimeoutException.class, () -> loop.runUntilComplete(waitFor(awaits(nobodyCompletes), 0.05)));
        assertTrue(nobodyCompletes.isCancelled());
        assertEquals(0, loop.foreignInFlight);
        double before = loop.time();
        loop.runUntilComplete(sleep(3600));
        assertEquals(before + 3600, loop.time());
    }
}
