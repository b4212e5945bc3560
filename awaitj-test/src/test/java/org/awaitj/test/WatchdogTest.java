package org.awaitj.test;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.test.AsyncTesting.runTest;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

/**
 * A test that runs too long in real time fails with the loop's tasks and where each waits. Virtual time never
 * blocks, so these tests wait for what does: a future nobody completes (the loop waits for it in real time), and a
 * step that blocks the loop's thread.
 */
class WatchdogTest {
    private static final TestOptions HALF_A_SECOND = TestOptions.defaults().watchdog(0.5);

    @Async
    Coroutine<String> awaitsWhatNobodyCompletes(TestLoop loop) {
        return result(await(new CompletableFuture<String>()));
    }

    @Test
    void aTestWaitingForeverFailsWithTheLoopsTasks() {
        AssertionError e = assertThrows(AssertionError.class, () -> runTest(HALF_A_SECOND, this::awaitsWhatNobodyCompletes));
        String m = e.getMessage();
        assertTrue(m.startsWith("the test ran longer than its watchdog, 0.500 s of real time"), m);
        assertTrue(m.contains("\ntest WatchdogTest.awaitsWhatNobodyCompletes suspended at "
                + "org.awaitj.test.WatchdogTest.awaitsWhatNobodyCompletes(WatchdogTest.java:"), m);
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Async
    Coroutine<Void> blocksItsThread(TestLoop loop) throws InterruptedException {
        Thread.sleep(30_000);
        return result();
    }

    @Test
    void aLoopBlockedInAStepFailsWithItsThreadsStackAndIsInterrupted() {
        AssertionError e = assertThrows(AssertionError.class, () -> runTest(HALF_A_SECOND, this::blocksItsThread));
        String m = e.getMessage();
        assertTrue(m.contains("its loop is blocked"), m);
        assertTrue(m.contains("java.lang.Thread.sleep"), m);
        assertTrue(m.contains("WatchdogTest.blocksItsThread"), m);
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
