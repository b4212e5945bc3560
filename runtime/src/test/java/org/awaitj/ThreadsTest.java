package org.awaitj;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadsTest {
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    /** The worker waits for the loop to release it: only possible if the loop is not blocked meanwhile. */
    @Async
    Coroutine<String> loopStaysFree() {
        CountDownLatch released = new CountDownLatch(1);
        Future<String> work = toThread(() -> {
            if (!released.await(10, TimeUnit.SECONDS)) {
                return "the loop was blocked";
            }
            return Thread.currentThread().getName();
        });
        await(sleep(0));
        released.countDown();
        return result(await(work));
    }

    @Async
    Coroutine<String> failingWork(IOException e) throws IOException {
        return result(await(runInExecutor(pool, () -> {
            throw e;
        })));
    }

    @Async
    Coroutine<Boolean> cancelInterruptsTheWorker(CountDownLatch started, AtomicBoolean interrupted) {
        Future<String> work = runInExecutor(pool, () -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return "done";
        });
        await(toThread(() -> started.await(10, TimeUnit.SECONDS)));
        work.cancel();
        return result(work.isCancelled());
    }

    @Test
    void toThreadRunsOnAWorkerWhileTheLoopGoesOn() {
        String worker = AsyncIO.run(loopStaysFree());
        assertTrue(worker.startsWith("awaitj-default-executor-"), worker);
        assertNotEquals(Thread.currentThread().getName(), worker);
    }

    @Test
    void anExceptionOfTheWorkIsRethrownUnchanged() {
        IOException e = new IOException("from the worker");
        assertSame(e, assertThrows(IOException.class, () -> AsyncIO.run(failingWork(e))));
    }

    @Test
    void cancellingTheFutureInterruptsTheWorker() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        assertTrue(AsyncIO.run(cancelInterruptsTheWorker(started, interrupted)));
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertTrue(interrupted.get());
    }

    @Test
    void runCoroutineThreadsafeRunsOnTheLoopsThread() throws Exception {
        EventLoop loop = new EventLoop();
        Thread loopThread = new Thread(loop::runForever, "the-loop");
        loopThread.start();
        try {
            assertEquals("the-loop", runCoroutineThreadsafe(threadName(), loop).get(10, TimeUnit.SECONDS));
        } finally {
            loop.callSoonThreadsafe(loop::stop);
            loopThread.join();
        }
    }

    @Async
    Coroutine<String> threadName() {
        await(sleep(0));
        return result(Thread.currentThread().getName());
    }
}
