package org.awaitj;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runner (asyncio 3.11's Runner): one loop, made by a factory, for several main coroutines in turn. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RunnerTest {
    static final ContextVar<String> SESSION = new ContextVar<>("session", "none");

    private final List<String> log = new ArrayList<>();

    @Async
    Coroutine<Task<Void>> startsBackgroundWork() {
        SESSION.set("opened");
        Task<Void> t = createTask(background());
        await(sleep(1));
        return result(t);
    }

    @Async
    Coroutine<Void> background() {
        try {
            log.add("background started at " + getRunningLoop().time());
            await(sleep(3600));
        } catch (CancellationException e) {
            log.add("background cancelled at " + getRunningLoop().time());
            throw e;
        }
        return result();
    }

    @Async
    Coroutine<String> laterRun(Task<Void> fromFirstRun) {
        await(sleep(1));
        return result("at " + getRunningLoop().time() + " the first run's task is "
                + (fromFirstRun.isDone() ? "done" : "pending") + ", session " + SESSION.get());
    }

    @Test
    void runsSeveralCoroutinesOnOneLoopAndCloseCancelsWhatIsLeft() {
        boolean tracking = Debug.tracking;
        try {
            runsSeveralCoroutinesInDebugMode();
        } finally {
            Debug.tracking = tracking;      // debug mode's tracking is JVM-wide: leave it as the other tests found it
        }
    }

    private void runsSeveralCoroutinesInDebugMode() {
        List<EventLoop> made = new ArrayList<>();
        Task<Void> background;
        try (Runner runner = new Runner(() -> {
            EventLoop l = EventLoop.withVirtualTime();
            made.add(l);
            return l;
        }, true)) {
            EventLoop loop = runner.getLoop();
            assertTrue(loop.getDebug());
            background = runner.run(startsBackgroundWork());
            assertEquals("at 2.0 the first run's task is pending, session opened", runner.run(laterRun(background)));
            assertSame(loop, runner.getLoop());
            assertFalse(background.isDone());
        }
        assertEquals(1, made.size(), "the factory is asked once");
        assertTrue(background.isCancelled());
        assertEquals(List.of("background started at 0.0", "background cancelled at 2.0"), log);
        assertTrue(made.get(0).isClosed());
    }

    @Test
    void aClosedRunnerRefusesToRunAndClosingTwiceDoesNothing() {
        Runner runner = new Runner(EventLoop::withVirtualTime, false);
        assertEquals("none", runner.run(sessionNow()));
        runner.close();
        runner.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.run(sessionNow()));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, runner::getLoop);
    }

    @Test
    void aRunnerNeverUsedMakesNoLoop() {
        int[] made = {0};
        new Runner(() -> {
            made[0]++;
            return EventLoop.withVirtualTime();
        }, false).close();
        assertEquals(0, made[0]);
    }

    @Async
    Coroutine<String> sessionNow() {
        return result(SESSION.get());
    }

    @Async
    Coroutine<String> nestedRun(Runner runner) {
        try {
            runner.run(sessionNow());
            return result("ran");
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }

    @Test
    void runIsRefusedInsideARunningLoop() {
        try (Runner runner = new Runner(EventLoop::withVirtualTime, false)) {
            String message = runner.run(nestedRun(new Runner()));
            assertTrue(message.startsWith("Runner.run cannot be called from a running event loop"), message);
        }
    }

    @Test
    void theMainCoroutinesRunInTheContextOfTheThreadWhenTheLoopWasMade() throws Exception {
        Thread t = new Thread(() -> {
            SESSION.set("thread's");
            try (Runner runner = new Runner(EventLoop::withVirtualTime, false)) {
                runner.getLoop();
                SESSION.set("set after the loop was made");
                log.add(runner.run(sessionNow()));
            }
        });
        t.start();
        t.join(20_000);
        assertEquals(List.of("thread's"), log);
    }

    @Test
    void aLoopFactoryCanMakeEveryTaskEager() {
        try (Runner runner = new Runner(() -> {
            EventLoop l = EventLoop.withVirtualTime();
            l.setEagerTasks(true);
            return l;
        }, false)) {
            assertEquals("done at once", runner.run(createsAndChecks()));
        }
    }

    @Async
    Coroutine<String> createsAndChecks() {
        Task<String> t = createTask(sessionNow());
        return result(t.isDone() ? "done at once" : "queued");
    }
}
