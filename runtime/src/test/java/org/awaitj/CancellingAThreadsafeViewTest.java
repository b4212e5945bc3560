package org.awaitj;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CompletableFuture views that other threads get of a loop's work ({@code runCoroutineThreadsafe},
 * {@link Future#toCompletableFuture()}): cancelling one cancels the work on its loop, whenever it happens, and
 * never throws, even once the loop is closed.
 */
@org.junit.jupiter.api.Timeout(value = 30, unit = TimeUnit.SECONDS)
class CancellingAThreadsafeViewTest {
    private final EventLoop loop = new EventLoop();
    private final Thread loopThread = new Thread(this::runThenClose, "the-loop");

    private void runThenClose() {
        loop.runForever();
        loop.close();
    }

    @AfterEach
    void stopTheLoop() throws InterruptedException {
        if (loopThread.isAlive()) {
            loop.callSoonThreadsafe(loop::stop);
            loopThread.join();
        }
    }

    @Async
    Coroutine<String> sleepUntilCancelled(CountDownLatch started, CountDownLatch cancelled) {
        started.countDown();
        try {
            await(sleep(60));
            return result("slept");
        } finally {
            cancelled.countDown();
        }
    }

    @Async
    Coroutine<String> body(AtomicBoolean ran) {
        ran.set(true);
        return result("ran");
    }

    @Async
    Coroutine<String> afterTwoTurns() {
        await(sleep(0));
        await(sleep(0));
        return result("later");
    }

    @Test
    void cancellingTheViewCancelsTheRunningTask() throws Exception {
        loopThread.start();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        CompletableFuture<String> view = runCoroutineThreadsafe(sleepUntilCancelled(started, cancelled), loop);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertTrue(view.cancel(true));
        assertTrue(cancelled.await(10, TimeUnit.SECONDS), "the task's finally block ran");
    }

    @Test
    void aViewCancelledBeforeItsTaskExistsCancelsTheTaskBeforeItRuns() throws Exception {
        loopThread.start();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.callSoonThreadsafe(() -> {
            holding.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);    // holds the loop: the task is not made yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<String> view = runCoroutineThreadsafe(body(ran), loop);
        assertTrue(view.cancel(true));
        release.countDown();
        assertEquals("later", runCoroutineThreadsafe(afterTwoTurns(), loop).get(10, TimeUnit.SECONDS));
        assertFalse(ran.get(), "the task was cancelled before its first step");
        assertTrue(view.isCancelled());
    }

    @Test
    void cancellingAViewOnceTheLoopIsClosedCancelsTheViewOnly() throws Exception {
        loopThread.start();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> ofTask = runCoroutineThreadsafe(sleepUntilCancelled(started, new CountDownLatch(1)), loop);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        CompletableFuture<String> ofFuture = runCoroutineThreadsafe(viewOfAPendingFuture(), loop).get(10, TimeUnit.SECONDS);
        loop.callSoonThreadsafe(loop::stop);
        loopThread.join();
        assertTrue(loop.isClosed());
        assertTrue(ofTask.cancel(true));
        assertTrue(ofFuture.cancel(true));
        assertTrue(ofTask.isCancelled() && ofFuture.isCancelled());
    }

    @Async
    Coroutine<CompletableFuture<String>> viewOfAPendingFuture() {
        Future<String> f = getRunningLoop().createFuture();
        return result(f.toCompletableFuture());
    }
}
