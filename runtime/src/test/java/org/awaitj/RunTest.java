package org.awaitj;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunTest {
    private final List<String> log = new ArrayList<>();

    @Async
    Coroutine<String> value() {
        await(sleep(0.01));
        return result("v");
    }

    @Async
    Coroutine<String> failing(IOException e) throws IOException {
        await(sleep(0));
        throw e;
    }

    @Async
    Coroutine<Void> background() {
        try {
            log.add("background started");
            await(sleep(3600));
            log.add("background finished");
        } catch (CancellationException e) {
            log.add("background cancelled");
            throw e;
        } finally {
            await(sleep(0));        // a finally block may await during shutdown
            log.add("background finally");
        }
        return result();
    }

    @Async
    Coroutine<String> leavesATaskBehind() {
        createTask(background());
        await(sleep(0));
        return result("main done");
    }

    @Async
    Coroutine<String> introspect() {
        Task<?> me = currentTask();
        Task<Void> other = createTask(background(), "worker");
        Set<Task<?>> all = allTasks();
        await(sleep(0));
        other.cancel();
        String r = me.getName() + " " + all.contains(me) + " " + all.contains(other) + " " + other.getName();
        try {
            await(other);
        } catch (CancellationException expected) {
            r += " cancelled=" + other.isCancelled();
        }
        return result(r);
    }

    @Async
    Coroutine<String> nestedRun() {
        return result(AsyncIO.run(value()));
    }

    @Test
    void runReturnsMainsResult() {
        assertEquals("v", AsyncIO.run(value()));
    }

    @Test
    void runRethrowsMainsExceptionUnchanged() {
        IOException e = new IOException("main failed");
        assertSame(e, assertThrows(IOException.class, () -> AsyncIO.run(failing(e))));
    }

    @Test
    void runCancelsLeftoverTasksAndLetsTheirFinallyBlocksFinish() {
        assertEquals("main done", AsyncIO.run(leavesATaskBehind()));
        assertEquals(List.of("background started", "background cancelled", "background finally"), log);
    }

    @Test
    void tasksKnowThemselvesAndEachOther() {
        String r = AsyncIO.run(introspect());
        assertTrue(r.matches("Task-\\d+ true true worker cancelled=true"), r);
    }

    @Test
    void runInsideARunningLoopIsRefused() {
        assertThrows(IllegalStateException.class, () -> AsyncIO.run(nestedRun()));
    }

    @Test
    void createTaskNeedsARunningLoop() {
        Coroutine<String> c = value();
        assertThrows(IllegalStateException.class, () -> createTask(c));
        assertFalse(c.isStarted());
    }
}
