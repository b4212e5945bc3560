package org.awaitj.process;

import org.awaitj.*;

import java.io.ByteArrayOutputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.process.ProcessPoolTesting.isRunning;
import static org.awaitj.process.ProcessPoolTesting.pid;
import static org.awaitj.process.ProcessPoolTesting.sleeper;
import static org.awaitj.process.ProcessPoolTesting.touch;
import static org.awaitj.process.ProcessPoolTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a task submitted to the pool gets back: its result, its exception, or why it could not be run; what it
 * prints; and the same from a coroutine. The tests share one pool, to start fewer JVMs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessPoolExecutorTest {
    private static ProcessPoolExecutor shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSharedPool() {
        shared = new ProcessPoolExecutor(2);
    }

    @AfterAll
    static void closeSharedPool() {
        shared.close();
    }

    static final class Boom extends Exception {
        private static final long serialVersionUID = 1L;

        Boom(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // results and exceptions

    @Test
    void resultRoundTrip() throws Exception {
        Future<List<Object>> f = shared.submit(
                (Callable<List<Object>> & Serializable) () -> List.of("pid", ProcessHandle.current().pid(), 6 * 7));
        List<Object> r = f.get(30, TimeUnit.SECONDS);
        assertEquals("pid", r.get(0));
        assertNotEquals(pid(), r.get(1), "the task ran in another process");
        assertEquals(42, r.get(2));

        CompletableFuture<int[]> g = shared.submitRemote((Callable<int[]> & Serializable) () -> new int[] {1, 2, 3});
        assertEquals("[1, 2, 3]", Arrays.toString(g.get(30, TimeUnit.SECONDS)));
    }

    @Test
    void taskExceptionPropagatesWithClassMessageAndStackTrace() {
        Future<Integer> f = shared.submit((Callable<Integer> & Serializable) () -> {
            throw new IllegalStateException("boom in the worker");
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("boom in the worker", cause.getMessage());
        assertTrue(Arrays.stream(cause.getStackTrace()).anyMatch(s -> s.getClassName().equals(getClass().getName())
                && s.getMethodName().startsWith("lambda$")), () -> Arrays.toString(cause.getStackTrace()));

        Future<Integer> g = shared.submit((Callable<Integer> & Serializable) () -> {
            throw new Boom("checked, with a cause");
        });
        ExecutionException e2 = assertThrows(ExecutionException.class, () -> g.get(30, TimeUnit.SECONDS));
        assertInstanceOf(Boom.class, e2.getCause());
        assertEquals("checked, with a cause", e2.getCause().getMessage());
    }

    /** An exception that cannot be serialized: it holds a plain Object. */
    static final class Unsendable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial")
        final Object holds = new Object();

        Unsendable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void anExceptionThatCannotBeSerializedIsStoodInFor() {
        Future<Integer> f = shared.submit((Callable<Integer> & Serializable) () -> {
            throw new Unsendable("cannot travel", new IllegalArgumentException("the cause"));
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        RemoteTaskException standIn = assertInstanceOf(RemoteTaskException.class, e.getCause());
        assertEquals(Unsendable.class.getName(), standIn.remoteClassName());
        assertTrue(standIn.getMessage().startsWith(Unsendable.class.getName() + ": cannot travel"), standIn.getMessage());
        assertTrue(standIn.getMessage().contains("java.lang.Object"), standIn.getMessage());
        assertTrue(standIn.getStackTrace().length > 0);
        assertTrue(standIn.getCause().getMessage().contains("the cause"), standIn.getCause().getMessage());
    }

    @Test
    void nonSerializableTaskIsRejectedAtSubmission() {
        Callable<Integer> plain = () -> 1;
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> shared.submit(plain));
        NotSerializableException cause = assertInstanceOf(NotSerializableException.class, e.getCause());
        assertTrue(cause.getMessage().startsWith(getClass().getName() + "$$Lambda"), cause.getMessage());
        assertTrue(cause.getMessage().contains("(Callable<T> & Serializable)"), cause.getMessage());

        Object notSerializable = new Object();
        RejectedExecutionException e2 = assertThrows(RejectedExecutionException.class,
                () -> shared.submit((Callable<String> & Serializable) () -> notSerializable.toString()));
        assertTrue(e2.getCause().getMessage().startsWith("java.lang.Object, held by task"), e2.getCause().getMessage());

        FutureTask<Integer> wrapper = new FutureTask<>((Callable<Integer> & Serializable) () -> 1);
        RejectedExecutionException e3 = assertThrows(RejectedExecutionException.class, () -> shared.execute(wrapper));
        assertTrue(e3.getMessage().contains("submit the Serializable Callable itself"), e3.getMessage());
    }

    @Test
    void nonSerializableResultFailsItsTaskOnly() throws Exception {
        Future<Object> f = shared.submit((Callable<Object> & Serializable) Object::new);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        NotSerializableException cause = assertInstanceOf(NotSerializableException.class, e.getCause());
        assertTrue(cause.getMessage().startsWith("java.lang.Object: the result of the task"), cause.getMessage());
        assertTrue(cause.getMessage().contains("must return a Serializable value"), cause.getMessage());

        Future<Object> g = shared.submit((Callable<Object> & Serializable) () -> List.of(new Object()));
        ExecutionException e2 = assertThrows(ExecutionException.class, () -> g.get(30, TimeUnit.SECONDS));
        assertTrue(e2.getCause().getMessage().contains("holds a java.lang.Object"), e2.getCause().getMessage());

        assertEquals("still fine", shared.submit((Callable<String> & Serializable) () -> "still fine").get());
    }

    @Test
    void runnables() throws Exception {
        Path marker = dir.resolve("ran");
        String path = marker.toString();
        assertEquals("done", shared.submit((Runnable & Serializable) () -> touch(path), "done").get(30, TimeUnit.SECONDS));
        assertTrue(Files.exists(marker));

        Path executed = dir.resolve("executed");
        String executedPath = executed.toString();
        shared.execute((Runnable & Serializable) () -> touch(executedPath));
        waitUntil(() -> Files.exists(executed), 30);
    }

    @Test
    void invokeAllAndInvokeAny() throws Exception {
        List<Callable<Integer>> tasks = List.of(
                (Callable<Integer> & Serializable) () -> 1,
                (Callable<Integer> & Serializable) () -> 2,
                (Callable<Integer> & Serializable) () -> 3);
        List<Integer> results = new ArrayList<>();
        for (Future<Integer> f : shared.invokeAll(tasks)) {
            results.add(f.get());
        }
        assertEquals(List.of(1, 2, 3), results);

        List<Callable<String>> oneFails = List.of(
                (Callable<String> & Serializable) () -> {
                    throw new IllegalStateException("no");
                },
                (Callable<String> & Serializable) () -> "yes");
        assertEquals("yes", shared.invokeAny(oneFails, 30, TimeUnit.SECONDS));
    }

    @Test
    void whatTasksPrintReachesTheParentsStreams() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String marker = "printed by worker " + System.nanoTime();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String r = shared.submit((Callable<String> & Serializable) () -> {
                System.out.println(marker);
                System.out.print("no newline");
                return "result after printing";
            }).get(30, TimeUnit.SECONDS);
            assertEquals("result after printing", r);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains(marker + System.lineSeparator() + "no newline"), out);
    }

    @Test
    void aResultOfADisallowedClassFailsItsTask() {
        // java.sql is neither java.base nor the application class path
        Future<Object> f = shared.submit((Callable<Object> & Serializable) () -> new java.sql.Timestamp(0));
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        InvalidClassException cause = assertInstanceOf(InvalidClassException.class, e.getCause());
        assertTrue(cause.getMessage().contains("java.sql.Timestamp is neither a class of java.base"), cause.getMessage());

        java.sql.Timestamp captured = new java.sql.Timestamp(0);
        RejectedExecutionException r = assertThrows(RejectedExecutionException.class,
                () -> shared.submit((Callable<String> & Serializable) captured::toString));
        assertInstanceOf(InvalidClassException.class, r.getCause());
    }

    // ---------------------------------------------------------------------------------------------------------
    // from a coroutine

    @Async
    static Coroutine<Integer> squareInAWorker(ProcessPoolExecutor pool, int n) {
        int square = await(pool.submitRemote((Callable<Integer> & Serializable) () -> n * n));
        return result(square);
    }

    @Test
    void awaitedFromACoroutine() {
        assertEquals(49, AsyncIO.run(squareInAWorker(shared, 7)));
    }

    @Async
    static Coroutine<Integer> squareAfterASleep(int n) {
        await(AsyncIO.sleep(0.01));
        return result(n * n);
    }

    @Test
    void aWorkerRunsCoroutinesToo() throws Exception {
        // the workers get the awaitj agent of the parent, so a task may run an event loop of its own
        assertEquals(36, shared.submit((Callable<Integer> & Serializable) () -> AsyncIO.run(squareAfterASleep(6)))
                .get(30, TimeUnit.SECONDS));
    }

    // ---------------------------------------------------------------------------------------------------------
    // through AsyncIO.runInExecutor

    @Async
    static Coroutine<Integer> viaRunInExecutor(ProcessPoolExecutor pool) {
        org.awaitj.Future<Integer> f = AsyncIO.runInExecutor(pool, (Callable<Integer> & Serializable) () -> 3);
        return result(await(f));
    }

    @Async
    static Coroutine<String> failingViaRunInExecutor(ProcessPoolExecutor pool) {
        try {
            await(AsyncIO.runInExecutor(pool, (Callable<Integer> & Serializable) () -> {
                throw new IllegalStateException("remote failure");
            }));
            return result("no exception");
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }

    @Async
    static Coroutine<Long> cancelViaRunInExecutor(ProcessPoolExecutor pool, String startedFile) {
        org.awaitj.Future<String> f = AsyncIO.runInExecutor(pool, sleeper(startedFile));
        while (!Files.exists(Path.of(startedFile))) {
            await(AsyncIO.sleep(0.02));
        }
        long worker = pool.workerPids().get(0);
        f.cancel();
        return result(f.isCancelled() ? worker : -1L);
    }

    @Test
    void runInExecutorShipsTheCallable() throws Exception {
        assertEquals(3, AsyncIO.run(viaRunInExecutor(shared)));
        assertEquals("remote failure", AsyncIO.run(failingViaRunInExecutor(shared)));
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            long worker = AsyncIO.run(cancelViaRunInExecutor(pool, dir.resolve("started").toString()));
            assertTrue(worker > 0, "cancelled");
            waitUntil(() -> !isRunning(worker), 30); // cancelling killed the worker running the task
        }
    }
}
