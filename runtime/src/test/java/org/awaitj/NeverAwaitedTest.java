package org.awaitj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A coroutine never awaited, and a task exception never retrieved, are reported without help from the garbage
 * collector: each test looks for the report as soon as the step or the run is over.
 */
class NeverAwaitedTest {
    private final Reports reports = new Reports();
    private final List<String> seenInTheNextStep = new ArrayList<>();

    @AfterEach
    void stopListening() {
        reports.close();
    }

    /**
     * The "never awaited" reports of this class's coroutines and of those its tests make: a coroutine of another
     * test class that ran before, and is collected now, may be reported meanwhile (debug mode's tracking is
     * JVM-wide once a loop turned it on).
     */
    private List<String> neverAwaitedHere() {
        return reports.containing("was never awaited").stream().filter(r -> r.contains("NeverAwaitedTest")).toList();
    }

    @Async
    Coroutine<String> fetchData(int param) {
        await(sleep(param));
        return result("Result of " + param);
    }

    @Async
    Coroutine<Void> forgets() {
        fetchData(3); // forgotten
        await(sleep(0));
        seenInTheNextStep.addAll(neverAwaitedHere());
        return result();
    }

    @Async
    Coroutine<Void> keepsItInAnUnusedLocal() {
        @SuppressWarnings("unused")
        Coroutine<String> unused = fetchData(4); // unused
        await(sleep(0));
        seenInTheNextStep.addAll(neverAwaitedHere());
        return result();
    }

    @Async
    Coroutine<String> awaitsItInALaterStep() {
        List<Coroutine<String>> later = new ArrayList<>();
        later.add(fetchData(1));
        await(sleep(0.5));
        return result(await(later.get(0)));
    }

    @Async
    Coroutine<Void> keepsItButNeverAwaitsIt() {
        List<Coroutine<String>> kept = new ArrayList<>();
        kept.add(fetchData(2)); // kept
        await(sleep(0.5));
        seenInTheNextStep.addAll(neverAwaitedHere());
        return result(kept.isEmpty() ? null : null);
    }

    /** Holds one a step, then drops it and waits until the collector took it: before the loop closes. */
    @Async
    Coroutine<Boolean> holdsItAStepThenDropsIt() throws InterruptedException {
        List<Coroutine<String>> held = new ArrayList<>();
        held.add(fetchData(5)); // held then dropped
        WeakReference<Coroutine<String>> ref = new WeakReference<>(held.get(0));
        await(sleep(0.5));
        seenInTheNextStep.addAll(neverAwaitedHere());
        held.clear();
        for (int i = 0; i < 100 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        return result(ref.get() == null);
    }

    @Async
    Coroutine<Void> forgetsInALoop() {
        for (int i = 0; i < 3; i++) {
            fetchData(i); // in a loop
        }
        return result();
    }

    @Async
    Coroutine<Integer> keepsManyAndAwaitsThemAll() {
        List<Coroutine<String>> kept = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Coroutine<String> c = fetchData(0);     // a store the agent marks
            kept.add(c);
        }
        int n = 0;
        for (Coroutine<String> c : kept) {
            n += await(c).length();
        }
        return result(n);
    }

    @Async
    Coroutine<Void> keepsManyInALocalAndDropsThem() {
        for (int i = 0; i < 1000; i++) {
            @SuppressWarnings("unused")
            Coroutine<String> dropped = fetchData(i); // many dropped
        }
        await(sleep(0));
        return result();
    }

    @Async
    Coroutine<Void> sleepsRefused() {
        try {
            await(sleep(Double.NaN));
        } catch (IllegalArgumentException e) {
            seenInTheNextStep.add(e.getMessage());
        }
        try {
            await(AsyncIO.wait(List.<Task<String>>of(), ReturnWhen.ALL_COMPLETED));
        } catch (IllegalArgumentException e) {
            seenInTheNextStep.add(e.getMessage());
        }
        await(sleep(0));
        return result();
    }

    @Async
    static Coroutine<Void> failing() {
        await(sleep(0));
        throw new UncheckedIOException(new IOException("nobody looks at me"));
    }

    @Async
    Coroutine<Void> leavesAFailedTaskBehind() {
        Task<Void> orphan = createTask(failing(), "orphan");
        await(sleep(1));
        return result(orphan.isDone() ? null : null);
    }

    @Async
    Coroutine<String> forgetsAQueueGet() {
        org.awaitj.queue.Queue<String> q = new org.awaitj.queue.Queue<>();
        q.get(); // queue get
        q.putNowait("x");
        return result(await(q.get()));
    }

    @Test
    void inDebugModeTheRuntimesOwnCoroutinesAreMadeAndNamedToo() {
        assertEquals("x", AsyncIO.run(forgetsAQueueGet(), true));
        assertEquals(List.of("coroutine 'Queue.get' was never awaited (created at NeverAwaitedTest.java:"
                + Reports.lineOf(getClass(), "queue get") + "): await it, or schedule it with createTask"),
                neverAwaitedHere());
    }

    @Test
    void inDebugModeAForgottenCoroutineIsReportedWithItsLineBeforeTheNextStep() {
        AsyncIO.run(forgets(), true);
        assertEquals(List.of("coroutine 'NeverAwaitedTest.fetchData' was never awaited (created at NeverAwaitedTest.java:"
                + Reports.lineOf(getClass(), "forgotten") + "): await it, or schedule it with createTask"), seenInTheNextStep);
        assertEquals(1, neverAwaitedHere().size(), reports.all().toString());
    }

    @Test
    void inDebugModeACoroutineNoFrameHoldsAtTheEndOfItsStepIsReportedThen() {
        AsyncIO.run(keepsItInAnUnusedLocal(), true);
        assertEquals(List.of("coroutine 'NeverAwaitedTest.fetchData' was never awaited (created at NeverAwaitedTest.java:"
                + Reports.lineOf(getClass(), "unused") + "): await it, or schedule it with createTask"), seenInTheNextStep);
    }

    @Test
    void aCoroutineKeptByAFrameAndAwaitedLaterIsNotReported() {
        assertEquals("Result of 1", AsyncIO.run(awaitsItInALaterStep(), true));
        assertEquals(List.of(), neverAwaitedHere());
    }

    @Test
    void aCoroutineKeptButNeverAwaitedIsReportedWhenRunEndsAtTheLatest() {
        AsyncIO.run(keepsItButNeverAwaitsIt(), true);
        assertEquals(List.of(), seenInTheNextStep);
        assertEquals(List.of("coroutine 'NeverAwaitedTest.fetchData' was never awaited (created at NeverAwaitedTest.java:"
                + Reports.lineOf(getClass(), "kept") + "): await it, or schedule it with createTask"),
                neverAwaitedHere());
    }

    @Test
    void inDebugModeAHeldCoroutineCollectedBeforeTheLoopClosesIsReportedOnceByTheEndOfRun() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        holdTheBackstopsThread(release);     // so that only the loop can report it by the end of the run
        try {
            assertTrue(AsyncIO.run(holdsItAStepThenDropsIt(), true), "the coroutine was not collected");
            assertEquals(List.of(), seenInTheNextStep);
            assertEquals(List.of("coroutine 'NeverAwaitedTest.fetchData' was never awaited (created at NeverAwaitedTest.java:"
                    + Reports.lineOf(getClass(), "held then dropped") + "): await it, or schedule it with createTask"),
                    neverAwaitedHere());
        } finally {
            release.countDown();
        }
    }

    /** Keeps the backstop's thread in a cleaning action of its own until {@code release}. */
    private static void holdTheBackstopsThread(CountDownLatch release) throws InterruptedException {
        CountDownLatch busy = new CountDownLatch(1);
        NeverAwaited.CLEANER.register(new Object(), () -> {
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 100 && !busy.await(10, TimeUnit.MILLISECONDS); i++) {
            System.gc();
        }
        assertEquals(0, busy.getCount(), "the backstop's thread did not take the action");
    }

    @Test
    void withoutDebugModeACoroutineKeptInALocalIsReportedWhenRunEnds() {
        AsyncIO.run(keepsItInAnUnusedLocal(), false);
        assertEquals(List.of(), seenInTheNextStep);
        assertEquals(List.of("coroutine 'NeverAwaitedTest.fetchData' was never awaited (created at NeverAwaitedTest.java:"
                + Reports.lineOf(getClass(), "unused") + "): await it, or schedule it with createTask"),
                neverAwaitedHere());
    }

    @Test
    void withoutDebugModeKeptCoroutinesAwaitedLaterAreNotReported() {
        assertEquals("Result of 1", AsyncIO.run(awaitsItInALaterStep(), false));
        assertEquals(1000 * "Result of 0".length(), AsyncIO.run(keepsManyAndAwaitsThemAll(), false));
        assertEquals(List.of(), neverAwaitedHere());
    }

    @Test
    void withoutDebugModeAThousandCoroutinesKeptAtOnePlaceAndNeverAwaitedAreReportedOnce() {
        AsyncIO.run(keepsManyInALocalAndDropsThem(), false);
        assertEquals(List.of("coroutine 'NeverAwaitedTest.fetchData' was never awaited (created at NeverAwaitedTest.java:"
                + Reports.lineOf(getClass(), "many dropped") + "): await it, or schedule it with createTask"),
                neverAwaitedHere());
    }

    @Test
    void aCoroutineRefusedForItsArgumentsIsNotReportedAsNeverAwaited() {
        AsyncIO.run(sleepsRefused(), true);
        assertEquals(List.of("sleep(NaN): the delay must be a number of seconds",
                "wait: the collection of awaitables is empty"), seenInTheNextStep);
        assertEquals(List.of(), neverAwaitedHere());
    }

    @Test
    void withoutDebugModeAForgottenCoroutineIsReportedOncePerPlaceByTheEndOfRun() {
        AsyncIO.run(forgetsInALoop(), false);
        List<String> r = neverAwaitedHere();
        assertEquals(1, r.size(), r.toString());
        assertTrue(r.get(0).startsWith("coroutine 'NeverAwaitedTest.fetchData' was never awaited (created at NeverAwaitedTest.java:"
                + Reports.lineOf(getClass(), "in a loop") + ")"), r.get(0));
    }

    @Test
    void aTaskExceptionNobodyRetrievedIsReportedWhenRunEnds() {
        assertReportedOnceWhenRunEnds(false);
    }

    @Test
    void aTaskExceptionNobodyRetrievedIsReportedWhenRunEndsInDebugModeToo() {
        assertReportedOnceWhenRunEnds(true);
    }

    private void assertReportedOnceWhenRunEnds(boolean debug) {
        AsyncIO.run(leavesAFailedTaskBehind(), debug);
        List<String> r = reports.containing("Task exception was never retrieved");
        assertEquals(1, r.size(), reports.all().toString());
        assertTrue(r.get(0).startsWith("Task exception was never retrieved: <Task finished name='orphan' "
                + "coro=NeverAwaitedTest.failing exception=java.io.UncheckedIOException: java.io.IOException: nobody looks at me"),
                r.get(0));
        assertTrue(r.get(0).endsWith("| java.io.UncheckedIOException: java.io.IOException: nobody looks at me"), r.get(0));
    }
}
