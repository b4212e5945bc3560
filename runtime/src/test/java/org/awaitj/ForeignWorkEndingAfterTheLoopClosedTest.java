package org.awaitj;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import org.awaitj.annotations.Async;
import org.awaitj.process.ProcessPoolExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Work on another thread (a stage, an executor's worker, a worker process) that ends after its loop has closed:
 * its outcome is dropped, nothing is thrown on the thread that delivers it, and nothing hangs.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class ForeignWorkEndingAfterTheLoopClosedTest {
    /** What escaped on a foreign thread: thrown by a stage's callback, or uncaught on a worker. */
    private final List<Throwable> escaped = new CopyOnWriteArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<Thread> worker = new AtomicReference<>();

    @TempDir
    Path dir;

    /** A CompletableFuture that records whatever its whenComplete callbacks throw. */
    private final class RecordingStage<T> extends CompletableFuture<T> {
        @Override
        public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
            return super.whenComplete((v, e) -> {
                try {
                    action.accept(v, e);
                } catch (RuntimeException | Error thrown) {
                    escaped.add(thrown);
                    throw thrown;
                }
            });
        }
    }

    /** Blocking work that waits for the test to release it, on a thread where an escaping exception is recorded. */
    private String blockingWork() throws InterruptedException {
        worker.set(Thread.currentThread());
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> escaped.add(e));
        started.countDown();
        assertTrue(release.await(30, TimeUnit.SECONDS));
        return "late";
    }

    @Async
    Coroutine<String> awaitStage(CompletableFuture<String> stage) {
        return result(await(stage));
    }

    /** Starts a task that awaits the stage, and returns once the task is suspended on it. */
    @Async
    Coroutine<Task<String>> startAwaiting(CompletableFuture<String> stage) {
        Task<String> t = createTask(awaitStage(stage));
        await(sleep(0));
        return result(t);
    }

    @Async
    Coroutine<Future<String>> startInExecutor(Executor executor, Callable<String> fn) {
        return result(runInExecutor(executor, fn));
    }

    @Async
    Coroutine<Future<String>> startToThread() {
        return result(toThread(this::blockingWork));
    }

    /** Closes the loop while the future is still pending: what completes it later finds the loop closed. */
    private static <F extends Future<?>> F closeWhilePending(EventLoop loop, Coroutine<F> start) {
        F f = loop.runUntilComplete(start);
        assertFalse(f.isDone());
        loop.close();
        return f;
    }

    private void awaitWorkerEnd() throws InterruptedException {
        assertTrue(started.await(30, TimeUnit.SECONDS));
        Thread t = worker.get();
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(t.isAlive(), "the worker thread ended");
    }

    @Test
    void anAwaitedStageCompletedAfterTheLoopClosed() throws Exception {
        RecordingStage<String> stage = new RecordingStage<>();
        Task<String> awaiter = closeWhilePending(new EventLoop(), startAwaiting(stage));
        Thread completer = new Thread(() -> stage.complete("late"), "completer");
        completer.setUncaughtExceptionHandler((t, e) -> escaped.add(e));
        completer.start();
        completer.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(completer.isAlive());
        assertEquals(List.of(), escaped);
        assertFalse(awaiter.isDone(), "the outcome was dropped: the loop is closed");
    }

    @Test
    void runInExecutorOnAPlainExecutorEndingAfterTheLoopClosed() throws Exception {
        Executor threadPerTask = r -> {
            Thread t = new Thread(r, "foreign-worker");
            t.setUncaughtExceptionHandler((th, e) -> escaped.add(e));
            t.start();
        };
        Future<String> f = closeWhilePending(new EventLoop(), startInExecutor(threadPerTask, this::blockingWork));
        release.countDown();
        awaitWorkerEnd();
        assertEquals(List.of(), escaped);
        assertFalse(f.isDone());
    }

    @Test
    void toThreadEndingAfterTheLoopClosed() throws Exception {
        Future<String> f = closeWhilePending(new EventLoop(), startToThread());
        release.countDown();
        awaitWorkerEnd();       // the default executor was shut down with the loop: its thread ends with the work
        assertEquals(List.of(), escaped);
        assertFalse(f.isDone());
    }

    @Test
    void runInExecutorOnAProcessPoolEndingAfterTheLoopClosed() throws Exception {
        String gate = dir.resolve("release").toString();
        Callable<String> waitForGate = (Callable<String> & Serializable) () -> {
            while (!Files.exists(Path.of(gate))) {
                Thread.sleep(10);
            }
            return "late";
        };
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            Future<String> f = closeWhilePending(new EventLoop(), startInExecutor(pool, waitForGate));
            Files.createFile(Path.of(gate));
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "the result reached the pool, and it ended");
            assertFalse(f.isDone());
        }
    }
}
