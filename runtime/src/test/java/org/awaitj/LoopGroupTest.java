package org.awaitj;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.createTask;
import static org.awaitj.AsyncIO.getRunningLoop;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.AsyncIO.runCoroutineThreadsafe;
import static org.awaitj.AsyncIO.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitj.annotations.Async;
import org.awaitj.queue.Queue;
import org.awaitj.sync.Lock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loops of a LoopGroup: spreading work, what crosses between loops and what is refused, closing, dying. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LoopGroupTest {
    private static final long WAIT = 30;

    /** The index of the group loop running the caller: the end of its thread's name. */
    static String loopIndex() {
        String name = Thread.currentThread().getName();
        return name.startsWith("awaitj-loop-") ? name.substring(name.lastIndexOf('-') + 1) : name;
    }

    @Async
    static Coroutine<String> whichLoop() {
        return result(loopIndex());
    }

    static <T> T on(EventLoop loop, Coroutine<T> coro) throws Exception {
        return runCoroutineThreadsafe(coro, loop).get(WAIT, TimeUnit.SECONDS);
    }

    @Test
    void submitRunsEachCoroutineOnTheNextLoopInTurn() throws Exception {
        try (LoopGroup group = new LoopGroup(2)) {
            List<CompletableFuture<String>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(group.submit(whichLoop()));
            }
            List<String> where = new ArrayList<>();
            for (CompletableFuture<String> f : runs) {
                where.add(f.get(WAIT, TimeUnit.SECONDS));
            }
            assertEquals(List.of("0", "1", "0", "1"), where);
            assertEquals(2, group.size());
        }
    }

    @Test
    void theDefaultGroupHasOneLoopPerProcessor() {
        try (LoopGroup group = new LoopGroup()) {
            assertEquals(Runtime.getRuntime().availableProcessors(), group.size());
        }
    }

    @Async
    static Coroutine<Double> timeAsleep(double seconds) {
        EventLoop loop = getRunningLoop();
        double start = loop.time();
        await(sleep(seconds));
        return result(loop.time() - start);
    }

    @Test
    void aGroupOnVirtualTimeSleepsAnHourAtOnce() throws Exception {
        try (LoopGroup group = LoopGroup.withVirtualTime(2)) {
            assertEquals(3600.0, group.submit(timeAsleep(3600)).get(WAIT, TimeUnit.SECONDS));
            assertEquals(3600.0, group.submit(timeAsleep(3600)).get(WAIT, TimeUnit.SECONDS));
        }
    }

    // ---- what may cross between loops, and what may not ----

    @Async
    static Coroutine<Future<String>> pendingFuture() {
        return result(getRunningLoop().createFuture());
    }

    @Async
    static <T> Coroutine<T> awaitFuture(Future<T> f) {
        return result(await(f));
    }

    @Test
    void awaitingAFutureOfAnotherLoopIsRefusedAndSaysWhatToUseInstead() throws Exception {
        try (LoopGroup group = new LoopGroup(2)) {
            Future<String> f = on(group.loops().get(0), pendingFuture());
            ExecutionException e = assertThrows(ExecutionException.class, () -> on(group.loops().get(1), awaitFuture(f)));
            IllegalStateException refused = assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(refused.getMessage().contains("a future of another event loop"), refused.getMessage());
            assertTrue(refused.getMessage().contains("CompletableFuture"), refused.getMessage());
            assertTrue(refused.getMessage().contains("runCoroutineThreadsafe"), refused.getMessage());
        }
    }

    /** Leaves a task of this loop waiting on an empty queue, which binds the queue to this loop. */
    @Async
    static Coroutine<CompletableFuture<String>> parkAGetter(Queue<String> q) {
        Task<String> getter = createTask(q.get());
        await(sleep(0));
        return result(getter.toCompletableFuture());
    }

    @Async
    static Coroutine<Void> put(Queue<String> q, String item) {
        q.putNowait(item);
        return result();
    }

    @Test
    void waitingOnAQueueOfAnotherLoopIsRefusedAndSaysWhatToUseInstead() throws Exception {
        try (LoopGroup group = new LoopGroup(2)) {
            EventLoop first = group.loops().get(0);
            Queue<String> q = new Queue<>();
            CompletableFuture<String> firstGetter = on(first, parkAGetter(q));
            ExecutionException e = assertThrows(ExecutionException.class, () -> on(group.loops().get(1), q.get()));
            IllegalStateException refused = assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(refused.getMessage().contains("bound to a different event loop"), refused.getMessage());
            assertTrue(refused.getMessage().contains("CompletableFuture"), refused.getMessage());
            on(first, put(q, "still served on its own loop"));
            assertEquals("still served on its own loop", firstGetter.get(WAIT, TimeUnit.SECONDS));
        }
    }

    /** Holds the lock and leaves a second task of this loop waiting for it, which binds the lock to this loop. */
    @Async
    static Coroutine<CompletableFuture<Void>> holdWithAWaiter(Lock lock) {
        await(lock.acquire());
        Task<Void> waiter = createTask(lock.acquire());
        await(sleep(0));
        return result(waiter.toCompletableFuture());
    }

    @Async
    static Coroutine<Void> release(Lock lock) {
        lock.release();
        return result();
    }

    @Test
    void waitingOnALockOfAnotherLoopIsRefused() throws Exception {
        try (LoopGroup group = new LoopGroup(2)) {
            EventLoop first = group.loops().get(0);
            Lock lock = new Lock();
            CompletableFuture<Void> waiter = on(first, holdWithAWaiter(lock));
            ExecutionException e = assertThrows(ExecutionException.class, () -> on(group.loops().get(1), lock.acquire()));
            IllegalStateException refused = assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(refused.getMessage().contains("runCoroutineThreadsafe"), refused.getMessage());
            on(first, release(lock));
            waiter.get(WAIT, TimeUnit.SECONDS);     // the first loop's waiter got it
        }
    }

    /** A future of this loop, handed out as a CompletableFuture, completed a little later on this loop. */
    @Async
    static Coroutine<CompletableFuture<String>> futureSetLater() {
        EventLoop loop = getRunningLoop();
        Future<String> f = loop.createFuture();
        loop.callLater(0.01, () -> f.setResult("set on loop " + loopIndex()));
        return result(f.toCompletableFuture());
    }

    @Async
    static Coroutine<List<String>> crossToAndBack(EventLoop other) {
        List<String> facts = new ArrayList<>();
        String ranOn = await(runCoroutineThreadsafe(whichLoop(), other));
        facts.add("runCoroutineThreadsafe ran on loop " + ranOn + ", the awaiter resumed on loop " + loopIndex());
        CompletableFuture<String> view = await(runCoroutineThreadsafe(futureSetLater(), other));
        String value = await(view);
        facts.add(value + ", the awaiter resumed on loop " + loopIndex());
        return result(facts);
    }

    @Test
    void completableFuturesAndRunCoroutineThreadsafeCrossLoopsAndResumeTheAwaiterOnItsOwnLoop() throws Exception {
        try (LoopGroup group = new LoopGroup(2)) {
            assertEquals(List.of("runCoroutineThreadsafe ran on loop 0, the awaiter resumed on loop 1",
                    "set on loop 0, the awaiter resumed on loop 1"),
                    on(group.loops().get(1), crossToAndBack(group.loops().get(0))));
        }
    }

    // ---- closing, and dying ----

    @Async
    static Coroutine<String> sleepInTry(List<String> log, CountDownLatch started) {
        started.countDown();
        try {
            await(sleep(3600));
            return result("woke up");
        } finally {
            await(sleep(0));        // cleanup may await: it runs on the loop while the group closes
            log.add("finally ran on loop " + loopIndex());
        }
    }

    @Test
    void closingCancelsEveryLoopsTasksLetsTheirFinallyBlocksRunAndJoinsTheThreads() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(2);
        LoopGroup group = new LoopGroup(2);
        CompletableFuture<String> a = group.submit(sleepInTry(log, started));
        CompletableFuture<String> b = group.submit(sleepInTry(log, started));
        assertTrue(started.await(WAIT, TimeUnit.SECONDS));
        group.close();
        assertTrue(a.isCancelled() && b.isCancelled());
        List<String> sorted = new ArrayList<>(log);
        Collections.sort(sorted);
        assertEquals(List.of("finally ran on loop 0", "finally ran on loop 1"), sorted);
        for (EventLoop loop : group.loops()) {
            assertTrue(loop.isClosed() && !loop.isRunning());
        }
        assertThrows(IllegalStateException.class, () -> group.submit(whichLoop()));
        group.close();      // a second close is harmless
    }

    /** Collects what the runtime logs to "org.awaitj". */
    static final class Captured extends Handler implements AutoCloseable {
        final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());

        Captured() {
            Logger.getLogger("org.awaitj").addHandler(this);
        }

        boolean any(java.util.function.Predicate<String> test) {
            synchronized (records) {
                return records.stream().anyMatch(r -> r.getMessage() != null && test.test(r.getMessage()));
            }
        }

        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            Logger.getLogger("org.awaitj").removeHandler(this);
        }
    }

    @Test
    void aLoopThatDiesFailsWhatWaitsOnItRefusesNewWorkAndMakesCloseThrow() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(2);
        LoopGroup group = new LoopGroup(2);
        try (Captured captured = new Captured()) {
            CompletableFuture<String> onFirst = group.submit(sleepInTry(log, started));
            CompletableFuture<String> onSecond = group.submit(sleepInTry(log, started));
            assertTrue(started.await(WAIT, TimeUnit.SECONDS));
            EventLoop second = group.loops().get(1);
            // a broken entry in the ready queue: the loop's own machinery throws, out of runForever
            second.callSoonThreadsafe(() -> second.readyAdd("not a handle"));

            ExecutionException lost = assertThrows(ExecutionException.class, () -> onSecond.get(WAIT, TimeUnit.SECONDS));
            assertInstanceOf(ClassCastException.class, lost.getCause().getCause());
            assertTrue(captured.any(m -> m.contains("event loop 1 of <LoopGroup") && m.contains("died")));
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> group.submit(whichLoop()));
            assertTrue(refused.getMessage().contains("failed"), refused.getMessage());

            IllegalStateException closing = assertThrows(IllegalStateException.class, group::close);
            assertInstanceOf(ClassCastException.class, closing.getCause());
            assertTrue(onFirst.isCancelled(), "the healthy loop was shut down as usual");
            assertEquals(List.of("finally ran on loop 0"), log);
        }
    }

    @Test
    void aLoopStoppedBehindTheGroupsBackCountsAsDead() throws Exception {
        LoopGroup group = new LoopGroup(2);
        EventLoop first = group.loops().get(0);
        try (Captured captured = new Captured()) {
            first.callSoonThreadsafe(first::stop);
            for (int i = 0; i < WAIT * 100 && !captured.any(m -> m.contains("died")); i++) {
                Thread.sleep(10);       // until the group has noticed: closing first would make the stop look wanted
            }
        }
        IllegalStateException closing = assertThrows(IllegalStateException.class, group::close);
        assertTrue(closing.getMessage().contains("event loop 0"), closing.getMessage());
        assertTrue(closing.getCause().getMessage().contains("stopped"), closing.getCause().getMessage());
    }

    // ---- debug mode, loop by loop ----

    @Async
    static Coroutine<String> touch(EventLoop other) {
        try {
            other.callSoon(() -> { });
            return result("accepted");
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }

    @Async
    static Coroutine<Void> step() {
        await(sleep(0));
        return result();
    }

    @Async
    static Coroutine<Void> named(String name) {
        await(createTask(step(), name));
        return result();
    }

    /** Runs {@code action} on {@code loop}'s thread and waits until it has. */
    static void onThread(EventLoop loop, Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            action.run();
            done.complete(null);
        });
        done.get(WAIT, TimeUnit.SECONDS);
    }

    @Test
    void debugModeIsPerLoop() throws Exception {
        try (LoopGroup group = new LoopGroup(2); Captured captured = new Captured()) {
            EventLoop plain = group.loops().get(0);
            EventLoop debug = group.loops().get(1);
            onThread(plain, () -> plain.setSlowCallbackDuration(0));
            onThread(debug, () -> {
                debug.setDebug(true);
                debug.setSlowCallbackDuration(0);       // every step counts as slow: each is reported
            });
            String refused = on(plain, touch(debug));
            assertTrue(refused.startsWith("callSoon called from thread awaitj-loop-") && refused.contains("-0, but the loop runs on")
                    && refused.contains("-1"), refused);
            on(plain, named("step-on-plain"));
            on(debug, named("step-on-debug"));
            assertTrue(captured.any(m -> m.startsWith("Executing <Task") && m.contains("name='step-on-debug'")));
            assertFalse(captured.any(m -> m.contains("name='step-on-plain'")));
            assertFalse(plain.getDebug());
        }
    }
}
