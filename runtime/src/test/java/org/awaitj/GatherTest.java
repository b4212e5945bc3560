package org.awaitj;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatherTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    @Async
    Coroutine<String> after(double seconds, String value) {
        await(sleep(seconds));
        log.add(value + " at " + getRunningLoop().time());
        return result(value);
    }

    @Async
    Coroutine<String> failAfter(double seconds, IOException e) throws IOException {
        await(sleep(seconds));
        log.add("failed at " + getRunningLoop().time());
        throw e;
    }

    @Async
    Coroutine<List<String>> gatherCoroutines() {
        return result(await(gather(after(2, "slow"), after(1, "fast"))));
    }

    @Async
    Coroutine<List<String>> gatherTasksFromList() {
        List<Task<String>> tasks = List.of(createTask(after(1, "a")), createTask(after(1, "b")));
        return result(await(gather(tasks)));
    }

    @Async
    Coroutine<String> firstFailure(IOException e) {
        try {
            await(gather(after(2, "survivor"), failAfter(1, e)));
            return result("no failure");
        } catch (IOException caught) {
            log.add("caught at " + getRunningLoop().time());
            await(sleep(5));     // the other child goes on running meanwhile
            return result(caught.getMessage());
        }
    }

    @Async
    Coroutine<List<Object>> settled(IOException e) throws IOException {
        return result(await(gather(true, after(1, "ok"), failAfter(2, e))));
    }

    @Async
    Coroutine<String> cancelGather() {
        Future<List<String>> g = gather(after(1, "a"), after(2, "b"));
        await(sleep(0.5));
        g.cancel();
        try {
            await(g);
            return result("not cancelled");
        } catch (CancellationException e) {
            await(sleep(5));
            return result("cancelled at " + getRunningLoop().time());
        }
    }

    @Async
    Coroutine<List<String>> gatherNothing() {
        return result(await(gather(List.of())));
    }

    /** A coroutine or a future passed twice runs once, and fills both slots (asyncio's arg_to_fut). */
    @Async
    Coroutine<List<String>> gatherDuplicates() {
        Coroutine<String> c = after(1, "c");
        Task<String> t = createTask(after(2, "t"));
        Future<String> done = getRunningLoop().createFuture();
        done.setResult("done");
        return result(await(gather(c, t, c, done, t, done)));
    }

    /** A coroutine that already runs as another task is not that task's to share: gather refuses it. */
    @Async
    Coroutine<String> gatherAScheduledCoroutine() {
        Coroutine<String> c = after(1, "c");
        Task<String> t = createTask(c);
        try {
            await(gather(c));
            return result("gathered");
        } catch (IllegalStateException e) {
            return result(await(t) + ": " + e.getMessage());
        }
    }

    @Async
    Coroutine<Object> instant(int i) {
        return result(i);
    }

    @Async
    Coroutine<String> gatherMany(int n) {
        List<Coroutine<Object>> cs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            cs.add(instant(i));
        }
        List<Object> r = await(gather(cs));
        long sum = 0;
        for (Object o : r) {
            sum += (Integer) o;
        }
        return result(r.size() + " " + sum + " at " + getRunningLoop().time());
    }

    @Async
    Coroutine<String> gatherWithANull() {
        try {
            await(gather(after(1, "a"), null));
            return result("gathered");
        } catch (NullPointerException e) {
            await(sleep(2));    // long enough for a child that was started to have logged
            return result(e.getMessage());
        }
    }

    @Test
    void aNullArgumentFailsBeforeAnyChildIsStarted() {
        assertEquals("gather: argument 1 is null", loop.runUntilComplete(gatherWithANull()));
        assertEquals(List.of(), log);
    }

    @Test
    void aChildPassedTwiceRunsOnceAndFillsBothSlots() {
        assertEquals(List.of("c", "t", "c", "done", "t", "done"), loop.runUntilComplete(gatherDuplicates()));
        assertEquals(List.of("c at 1.0", "t at 2.0"), log);
    }

    @Test
    void aCoroutineScheduledElsewhereIsRefused() {
        String r = loop.runUntilComplete(gatherAScheduledCoroutine());
        assertTrue(r.startsWith("c: coroutine ") && r.contains("already awaited or scheduled"), r);
    }

    @Test
    void aHundredThousandChildrenAreCountedOnce() {
        assertEquals("100000 4999950000 at 0.0", loop.runUntilComplete(gatherMany(100_000)));
    }

    @Test
    void resultsComeInArgumentOrderAndChildrenRunConcurrently() {
        assertEquals(List.of("slow", "fast"), loop.runUntilComplete(gatherCoroutines()));
        assertEquals(List.of("fast at 1.0", "slow at 2.0"), log);
    }

    @Test
    void gatheringTasksFromAListAwaitsThemAll() {
        assertEquals(List.of("a", "b"), loop.runUntilComplete(gatherTasksFromList()));
    }

    @Test
    void theFirstExceptionPropagatesWhileTheOthersKeepRunning() {
        IOException e = new IOException("first");
        assertEquals("first", loop.runUntilComplete(firstFailure(e)));
        assertEquals(List.of("failed at 1.0", "caught at 1.0", "survivor at 2.0"), log);
    }

    @Test
    void withReturnExceptionsEveryChildRunsAndFailuresFillTheirSlots() throws IOException {
        IOException e = new IOException("second");
        List<Object> r = loop.runUntilComplete(settled(e));
        assertEquals("ok", r.get(0));
        assertSame(e, r.get(1));
    }

    @Test
    void cancellingAGatherCancelsItsChildren() {
        assertEquals("cancelled at 5.5", loop.runUntilComplete(cancelGather()));
        assertEquals(List.of(), log);
    }

    @Test
    void gatheringNothingIsAnEmptyList() {
        assertEquals(List.of(), loop.runUntilComplete(gatherNothing()));
    }

    @Test
    void gatherNeedsARunningLoop() {
        assertTrue(assertThrows(IllegalStateException.class, () -> gather(after(1, "x")))
                .getMessage().contains("no running event loop"));
    }
}
