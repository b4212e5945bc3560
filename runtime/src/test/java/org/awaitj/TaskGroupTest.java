package org.awaitj;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskGroupTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    @Async
    Coroutine<String> after(double seconds, String value) {
        try {
            await(sleep(seconds));
            log.add(value + " at " + getRunningLoop().time());
            return result(value);
        } catch (CancellationException e) {
            log.add(value + " cancelled at " + getRunningLoop().time());
            throw e;
        }
    }

    @Async
    Coroutine<String> failAfter(double seconds, IOException e) throws IOException {
        await(sleep(seconds));
        log.add("failing at " + getRunningLoop().time());
        throw e;
    }

    @Async
    Coroutine<List<String>> allSucceed() {
        Task<String> a;
        Task<String> b;
        try (TaskGroup tg = new TaskGroup()) {
            a = tg.createTask(after(2, "a"));
            b = tg.createTask(after(1, "b"));
            log.add("body done at " + getRunningLoop().time());
        }
        log.add("block done at " + getRunningLoop().time());
        return result(List.of(a.result(), b.result()));
    }

    @Async
    Coroutine<String> oneFails(IOException e) throws IOException {
        try (TaskGroup tg = new TaskGroup()) {
            tg.createTask(after(5, "slow"));
            tg.createTask(failAfter(1, e));
            await(sleep(10));
            log.add("body went on");
        } catch (TaskGroupException g) {
            log.add("caught at " + getRunningLoop().time());
            return result(g.exceptions().size() + " " + (g.exceptions().get(0) == e));
        }
        return result("no failure");
    }

    @Async
    Coroutine<String> bodyFails(IllegalStateException e) {
        try (TaskGroup tg = new TaskGroup()) {
            tg.createTask(after(5, "child"));
            await(sleep(1));
            throw e;
        }
    }

    @Async
    Coroutine<Void> cancelledFromOutside() {
        try (TaskGroup tg = new TaskGroup()) {
            tg.createTask(after(5, "child"));
            await(sleep(10));
        }
        return result();
    }

    @Async
    Coroutine<String> outer() {
        Task<Void> t = createTask(cancelledFromOutside());
        await(sleep(1));
        t.cancel();
        try {
            await(t);
            return result("not cancelled");
        } catch (CancellationException e) {
            return result("cancelled at " + getRunningLoop().time() + " " + t.isCancelled());
        }
    }

    @Async
    Coroutine<String> awaitingTheGroup() {
        TaskGroup tg = new TaskGroup();
        tg.createTask(after(1, "x"));
        await(tg);
        return result("after the group at " + getRunningLoop().time());
    }

    @Test
    void theEndOfTheBlockAwaitsEveryChild() {
        assertEquals(List.of("a", "b"), loop.runUntilComplete(allSucceed()));
        assertEquals(List.of("body done at 0.0", "b at 1.0", "a at 2.0", "block done at 2.0"), log);
    }

    @Test
    void aFailingChildCancelsTheOthersAndTheBody() throws IOException {
        IOException e = new IOException("child failed");
        assertEquals("1 true", loop.runUntilComplete(oneFails(e)));
        assertEquals(List.of("failing at 1.0", "slow cancelled at 1.0", "caught at 1.0"), log);
    }

    @Test
    void aFailingBodyCancelsTheChildrenAndThrowsItsOwnException() {
        IllegalStateException e = new IllegalStateException("body failed");
        assertSame(e, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(bodyFails(e))));
        assertEquals(List.of("child cancelled at 1.0"), log);
    }

    @Test
    void aCancellationFromOutsideIsNotSwallowed() {
        assertEquals("cancelled at 1.0 true", loop.runUntilComplete(outer()));
        assertEquals(List.of("child cancelled at 1.0"), log);
    }

    @Test
    void awaitingTheGroupWaitsForItsChildren() {
        assertEquals("after the group at 1.0", loop.runUntilComplete(awaitingTheGroup()));
    }

    @Test
    void aGroupNeedsATask() {
        assertInstanceOf(IllegalStateException.class, assertThrows(IllegalStateException.class, TaskGroup::new));
        assertTrue(log.isEmpty());
    }
}
