package org.awaitj.test;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.createTask;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.AsyncIO.sleep;
import static org.awaitj.test.AsyncTesting.runTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

/**
 * What debug mode finds fails the test at its end, naming the source line, without waiting for the garbage
 * collector: each test here runs a faulty coroutine and looks at the failure.
 */
class DebugFindingsTest {
    /** The line a finding should name: set by the faulty coroutine on the line of its fault. */
    private int line;

    private static int here() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow().getLineNumber();
    }

    private String failureOf(AsyncTestBody<?> body) {
        return assertThrows(AssertionError.class, () -> runTest(body)).getMessage();
    }

    /** The test of {@code body} fails with each of {@code expected} in its message, LINE standing for {@link #line}. */
    private void assertReported(AsyncTestBody<?> body, String... expected) {
        String m = failureOf(body);
        for (String e : expected) {
            assertTrue(m.contains(e.replace("LINE", Integer.toString(line))), m);
        }
    }

    @Async
    static Coroutine<Void> fails() throws IOException {
        await(sleep(1));
        throw new IOException("nobody looks at this");
    }

    @Async
    static Coroutine<Void> sleepsLong() {
        await(sleep(1000));
        return result();
    }

    @Async
    Coroutine<Void> leavesAnExceptionUnretrieved(TestLoop loop) throws IOException {
        createTask(fails()); line = here();
        await(sleep(2));
        return result();
    }

    @Test
    void anExceptionNeverRetrievedFailsTheTest() {
        assertReported(this::leavesAnExceptionUnretrieved, "Task exception was never retrieved",
                "created at DebugFindingsTest.java:LINE");
    }

    @Async
    Coroutine<Void> forgetsToAwait(TestLoop loop) throws IOException {
        fails(); line = here();
        return result();
    }

    @Test
    void aCoroutineNeverAwaitedFailsTheTest() {
        assertReported(this::forgetsToAwait,
                "coroutine 'DebugFindingsTest.fails' was never awaited (created at DebugFindingsTest.java:LINE)");
    }

    @Async
    Coroutine<Void> blocksTheLoop(TestLoop loop) throws InterruptedException {
        Thread.sleep(1); line = here();
        return result();
    }

    @Test
    void aBlockingCallOnTheLoopFailsTheTest() {
        assertReported(this::blocksTheLoop, "blocking call Thread.sleep on the event loop thread at DebugFindingsTest.java:LINE");
    }

    @Async
    Coroutine<Void> leavesATaskPending(TestLoop loop) {
        createTask(sleepsLong()); line = here();
        return result();
    }

    @Test
    void aTaskStillPendingAtTheEndFailsTheTest() {
        assertReported(this::leavesATaskPending, "task still pending at the end of the test: <Task pending",
                "created at DebugFindingsTest.java:LINE");
    }

    @Async
    Coroutine<Void> cancelsATaskWithoutAwaitingIt(TestLoop loop) {
        Task<Void> t = createTask(sleepsLong());
        await(sleep(1));
        t.cancel();
        return result();
    }

    @Test
    void aTaskAlreadyCancelledIsNotReportedAsPending() {
        runTest(this::cancelsATaskWithoutAwaitingIt);
    }

    @Async
    Coroutine<String> behaves(TestLoop loop) {
        Task<Void> t = createTask(sleepsLong());
        await(t);
        return result("done at " + loop.time());
    }

    @Test
    void aCleanTestReturnsItsCoroutinesResult() {
        assertEquals("done at 1000.0", runTest(this::behaves));
    }

    @Async
    Coroutine<Void> failsAndLeavesATaskPending(TestLoop loop) {
        createTask(sleepsLong());
        await(sleep(1));
        throw new IllegalStateException("the test's own failure");
    }

    @Test
    void theTestsOwnFailureIsThrownUnchangedWithTheRestSuppressed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runTest(this::forgetsThenFails));
        assertEquals("the test's own failure", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertTrue(e.getSuppressed()[0].getMessage().contains("was never awaited"), e.getSuppressed()[0].getMessage());
        // a task left pending by a failing test is cancelled, not reported: the failure says enough
        IllegalStateException alone = assertThrows(IllegalStateException.class, () -> runTest(this::failsAndLeavesATaskPending));
        assertEquals(0, alone.getSuppressed().length);
    }

    @Async
    Coroutine<Void> forgetsThenFails(TestLoop loop) throws IOException {
        fails();
        throw new IllegalStateException("the test's own failure");
    }

    @Test
    void eachFindingIsReportedOnce() {
        String m = failureOf(this::forgetsToAwait);
        assertEquals(1, m.split("was never awaited", -1).length - 1, m);
    }
}
