package org.awaitj.process;

import org.awaitj.*;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.awaitj.process.ProcessPoolExecutor.WorkerExitedException;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessPoolExecutorTest {
    /** Shared by the tests that do not care which worker runs them, to start fewer JVMs. */
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

    static long pid() {
        return ProcessHandle.current().pid();
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
        ProcessPoolExecutor.RemoteTaskException standIn =
                assertInstanceOf(ProcessPoolExecutor.RemoteTaskException.class, e.getCause());
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

    // ---------------------------------------------------------------------------------------------------------
    // the deserialization filter

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

    @Test
    void theFilterRejectsWhatTheRuleDoesNotAllow() throws Exception {
        // streams written by a plain ObjectOutputStream, as a broken or hostile peer could
        InvalidClassException sql = assertThrows(InvalidClassException.class,
                () -> ProcessPoolProtocol.deserialize(plainlySerialized(new java.sql.Date(0)), null));
        assertTrue(sql.getMessage().contains("java.sql.Date is neither a class of java.base"), sql.getMessage());

        InvalidClassException notSerializable = assertThrows(InvalidClassException.class,
                () -> ProcessPoolProtocol.deserialize(plainlySerialized(Thread.class), null));
        assertTrue(notSerializable.getMessage().contains("java.lang.Thread is not Serializable"),
                notSerializable.getMessage());

        InvalidClassException internal = assertThrows(InvalidClassException.class,
                () -> ProcessPoolProtocol.deserialize(plainlySerialized(new Object[] {
                        Class.forName("jdk.internal.misc.Unsafe")}), null));
        assertTrue(internal.getMessage().contains("which java.base does not export"), internal.getMessage());

        Object[] deep = new Object[1];
        Object[] inner = deep;
        for (int i = 0; i < ProcessPoolProtocol.MAX_DEPTH + 10; i++) {
            Object[] next = new Object[1];
            inner[0] = next;
            inner = next;
        }
        byte[] deepBytes = plainlySerialized(deep);
        InvalidClassException tooDeep = assertThrows(InvalidClassException.class,
                () -> ProcessPoolProtocol.deserialize(deepBytes, null));
        assertTrue(tooDeep.getMessage().contains("deeper than"), tooDeep.getMessage());

        // an int[10] whose length is forged to 2^31-1: refused before anything is allocated
        byte[] forged = plainlySerialized(new int[10]);
        int at = forged.length - 40 - 4;
        assertEquals(10, forged[at + 3]);
        forged[at] = 0x7f;
        forged[at + 1] = (byte) 0xff;
        forged[at + 2] = (byte) 0xff;
        forged[at + 3] = (byte) 0xff;
        InvalidClassException tooLong = assertThrows(InvalidClassException.class,
                () -> ProcessPoolProtocol.deserialize(forged, null));
        assertTrue(tooLong.getMessage().contains("2147483647 elements"), tooLong.getMessage());

        // and what the rule allows
        Object ok = ProcessPoolProtocol.deserialize(plainlySerialized(new ArrayList<>(List.of(1, "two", 3.0))), null);
        assertEquals(List.of(1, "two", 3.0), ok);
    }

    @Test
    void framesAreFoundAmongStrayBytes() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ProcessPoolProtocol.FrameWriter w = new ProcessPoolProtocol.FrameWriter(wire);
        wire.write("stray output\n".getBytes(StandardCharsets.UTF_8));
        w.write(ProcessPoolProtocol.RESULT, new byte[] {1, 2, 3});
        wire.write("AWJ".getBytes(StandardCharsets.UTF_8)); // almost the magic
        w.write(ProcessPoolProtocol.STDOUT, new byte[0]);
        wire.write("tail".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream junk = new ByteArrayOutputStream();
        ProcessPoolProtocol.FrameReader r = new ProcessPoolProtocol.FrameReader(
                new java.io.ByteArrayInputStream(wire.toByteArray()), junk);
        ProcessPoolProtocol.Frame first = r.read();
        assertEquals(ProcessPoolProtocol.RESULT, first.kind);
        assertEquals("[1, 2, 3]", Arrays.toString(first.payload));
        ProcessPoolProtocol.Frame second = r.read();
        assertEquals(ProcessPoolProtocol.STDOUT, second.kind);
        assertEquals(0, second.payload.length);
        assertEquals(null, r.read());
        assertEquals("stray output\nAWJtail", junk.toString(StandardCharsets.UTF_8));
    }

    private static byte[] plainlySerialized(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------------------
    // workers dying, cancellation

    @Test
    void aWorkerThatExitsFailsOnlyItsTaskAndIsReplaced() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            long first = pool.submit((Callable<Long> & Serializable) ProcessPoolExecutorTest::pid).get();
            assertEquals(first, pool.submit((Callable<Long> & Serializable) ProcessPoolExecutorTest::pid).get(),
                    "one worker runs task after task");

            Future<Integer> exits = pool.submit((Callable<Integer> & Serializable) () -> {
                System.exit(3);
                return 0;
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> exits.get(30, TimeUnit.SECONDS));
            WorkerExitedException cause = assertInstanceOf(WorkerExitedException.class, e.getCause());
            assertEquals(first, cause.pid());
            assertEquals(3, cause.exitValue());
            assertTrue(cause.getMessage().contains("worker process " + first + " exited with code 3"),
                    cause.getMessage());

            long second = pool.submit((Callable<Long> & Serializable) ProcessPoolExecutorTest::pid).get(30,
                    TimeUnit.SECONDS);
            assertNotEquals(first, second, "a new worker");

            // killed while idle: replaced too
            ProcessHandle.of(second).ifPresent(ProcessHandle::destroyForcibly);
            waitUntil(() -> pool.workerPids().isEmpty(), 30);
            long third = pool.submit((Callable<Long> & Serializable) ProcessPoolExecutorTest::pid).get(30,
                    TimeUnit.SECONDS);
            assertNotEquals(second, third);
        }
    }

    @Test
    void aWorkerThatCannotStartFailsTheTask() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1, List.of("-XX:+NoSuchOptionForAwaitjTest"))) {
            Future<Integer> f = pool.submit((Callable<Integer> & Serializable) () -> 1);
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            WorkerExitedException cause = assertInstanceOf(WorkerExitedException.class, e.getCause());
            assertEquals(1, cause.exitValue());
        }
    }

    @Test
    void cancellingDropsAQueuedTaskAndKillsTheWorkerOfARunningOne() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            Path started = dir.resolve("started");
            Future<String> running = pool.submit(sleeper(started.toString()));
            Path queuedRan = dir.resolve("queued-ran");
            String queuedPath = queuedRan.toString();
            Future<?> queued = pool.submit((Runnable & Serializable) () -> touch(queuedPath));
            waitUntil(() -> Files.exists(started), 30);
            long worker = pool.workerPids().get(0);

            assertTrue(queued.cancel(false));
            assertTrue(queued.isCancelled());

            assertTrue(running.cancel(true));
            assertTrue(running.isCancelled());
            assertThrows(CancellationException.class, running::get);
            waitUntil(() -> !isRunning(worker), 30);

            long next = pool.submit((Callable<Long> & Serializable) ProcessPoolExecutorTest::pid).get(30,
                    TimeUnit.SECONDS);
            assertNotEquals(worker, next, "a new worker");
            assertFalse(Files.exists(queuedRan), "the cancelled queued task never ran");
        }
    }

    /** A task that creates {@code startedFile}, then sleeps for a minute. */
    private static Callable<String> sleeper(String startedFile) {
        return (Callable<String> & Serializable) () -> {
            touch(startedFile);
            Thread.sleep(60_000);
            return "slept";
        };
    }

    private static void touch(String path) {
        try {
            Files.writeString(Path.of(path), "x");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // lifecycle

    @Test
    void shutdownRunsWhatWasSubmittedAndRefusesMore() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        Future<Integer> a = pool.submit((Callable<Integer> & Serializable) () -> {
            Thread.sleep(200);
            return 1;
        });
        Future<Integer> b = pool.submit((Callable<Integer> & Serializable) () -> 2);
        pool.shutdown();
        assertTrue(pool.isShutdown());
        assertThrows(RejectedExecutionException.class, () -> pool.submit((Callable<Integer> & Serializable) () -> 3));
        assertEquals(1, a.get(30, TimeUnit.SECONDS));
        assertEquals(2, b.get(30, TimeUnit.SECONDS));
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(pool.isTerminated());
        assertEquals(List.of(), pool.workerPids());
    }

    @Test
    void shutdownNowCancelsEverything() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        Path started = dir.resolve("started");
        Future<String> running = pool.submit(sleeper(started.toString()));
        Future<Integer> queued = pool.submit((Callable<Integer> & Serializable) () -> 2);
        waitUntil(() -> Files.exists(started), 30);
        long worker = pool.workerPids().get(0);

        List<Runnable> notRun = pool.shutdownNow();
        assertEquals(List.of(queued), notRun);
        assertTrue(queued.isCancelled());
        assertTrue(running.isCancelled());
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(pool.isTerminated());
        assertFalse(isRunning(worker));
    }

    @Test
    void closeLeavesNoWorkerProcess() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
        Path started = dir.resolve("started");
        String startedPath = started.toString();
        // two at once, so that both workers start
        Future<String> slow = pool.submit((Callable<String> & Serializable) () -> {
            touch(startedPath);
            Thread.sleep(500);
            return "slow";
        });
        waitUntil(() -> Files.exists(started), 30);
        Future<Long> fast = pool.submit((Callable<Long> & Serializable) ProcessPoolExecutorTest::pid);
        fast.get(30, TimeUnit.SECONDS);
        List<Long> pids = pool.workerPids();
        assertEquals(2, pids.size(), pids::toString);

        pool.close();
        assertEquals("slow", slow.get(), "close() lets the running task finish");
        assertTrue(pool.isTerminated());
        for (long pid : pids) {
            waitUntil(() -> !isRunning(pid), 10);
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void workersExitWhenTheParentIsKilled() throws Exception {
        Path err = dir.resolve("parent.err");
        Process parent = new ProcessBuilder(javaExecutable(), "-Xshare:auto", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Parent.class.getName())
                .redirectError(Redirect.to(err.toFile()))
                .start();
        List<Long> pids = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("PIDS ")) {
                    for (String p : line.substring(5).trim().split(" ")) {
                        pids.add(Long.parseLong(p));
                    }
                    break;
                }
            }
            assertEquals(2, pids.size(), () -> "the parent printed no pids; its stderr: " + read(err));
            for (long pid : pids) {
                assertTrue(isRunning(pid));
            }
        } finally {
            parent.destroyForcibly();
            parent.waitFor();
        }
        for (long pid : pids) {
            waitUntil(() -> !isRunning(pid), 30);
        }
    }

    /** The parent JVM of {@link #workersExitWhenTheParentIsKilled}: one worker busy, one idle, then waits. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
            pool.submit(sleeper(Files.createTempFile("awaitj-busy", "").toString()));
            pool.submit((Callable<Long> & Serializable) ProcessPoolExecutorTest::pid).get();
            StringBuilder line = new StringBuilder("PIDS");
            for (long pid : pool.workerPids()) {
                line.append(' ').append(pid);
            }
            System.out.println(line);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
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
    // helpers

    /** Alive and not a zombie: an orphan that exited may wait for a reaper that never comes, here. */
    static boolean isRunning(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    static void waitUntil(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

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
