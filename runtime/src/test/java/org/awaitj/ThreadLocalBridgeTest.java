package org.awaitj;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A library's thread-local, bridged: the loop restores a task's own value before each of its steps and keeps
 * what the step left after it, so each task sees its own value on the one loop thread, as an MDC must.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadLocalBridgeTest {
    /** The library's state: what an MDC keeps. */
    static final ThreadLocal<String> TAG = new ThreadLocal<>();

    static final class TagBridge implements ThreadLocalBridge<String> {
        int restores;

        @Override
        public String capture() {
            return TAG.get();
        }

        @Override
        public String restore(String state) {
            restores++;
            String previous = TAG.get();
            TAG.set(state);
            return previous;
        }
    }

    private final TagBridge bridge = new TagBridge();
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @BeforeEach
    void register() {
        ThreadLocalBridge.register(bridge);
        ThreadLocalBridge.register(bridge);     // twice is once
    }

    @AfterEach
    void unregister() {
        assertTrue(ThreadLocalBridge.unregister(bridge));
        assertFalse(ThreadLocalBridge.unregister(bridge));
        worker.shutdownNow();
        TAG.remove();
    }

    private void note(String who) {
        log.add(who + " at " + loop.time() + ": " + TAG.get());
    }

    @Async
    Coroutine<Void> request(String id, double pause) {
        note(id + " starts");
        TAG.set(id);
        for (int i = 0; i < 2; i++) {
            await(sleep(pause));
            note(id);
        }
        await(createTask(child(id + "'s child")));
        note(id + " ends");
        return result();
    }

    @Async
    Coroutine<Void> child(String who) {
        note(who);
        TAG.set("set by " + who);
        await(sleep(0));
        return result();
    }

    @Async
    Coroutine<Void> server() {
        TAG.set("server");
        Task<Void> a = createTask(request("a", 1));
        Task<Void> b = createTask(request("b", 1.5));
        await(a);
        note("server after a");
        await(b);
        note("server after b");
        return result();
    }

    @Test
    void eachTaskKeepsItsOwnThreadLocalValueAcrossAwaitsAndNothingLeaksToItsCreatorOrSibling() {
        TAG.set("the loop thread's own");
        loop.runUntilComplete(server());
        assertEquals(List.of(
                "a starts at 0.0: server",
                "b starts at 0.0: server",
                "a at 1.0: a",
                "b at 1.5: b",
                "a at 2.0: a",
                "a's child at 2.0: a",
                "a ends at 2.0: a",
                "server after a at 2.0: server",
                "b at 3.0: b",
                "b's child at 3.0: b",
                "b ends at 3.0: b",
                "server after b at 3.0: server"), log);
        assertEquals("the loop thread's own", TAG.get(), "the thread's own value is back after every step");
        assertTrue(bridge.restores > 0);
    }

    @Async
    Coroutine<String> eagerChildSetsItsTag() {
        TAG.set("parent");
        Task<Void> t = createEagerTask(child("eager"));
        String afterCreate = TAG.get();
        await(t);
        return result(afterCreate + " " + TAG.get());
    }

    @Test
    void anEagerTasksFirstStepRunsInsideItsCreatorYetLeavesTheCreatorsValueAlone() {
        assertEquals("parent parent", loop.runUntilComplete(eagerChildSetsItsTag()));
        assertEquals(List.of("eager at 0.0: parent"), log);
    }

    @Async
    Coroutine<String> handsWorkToAThread() {
        TAG.set("caller");
        return result(await(runInExecutor(worker, () -> {
            String seen = TAG.get();
            TAG.set("changed on the worker");
            return seen;
        })));
    }

    @Test
    void workHandedToAThreadSeesTheCallersValueAndTheWorkerGetsItsOwnBack() throws Exception {
        worker.submit(() -> TAG.set("the worker's own")).get(10, TimeUnit.SECONDS);
        assertEquals("caller", loop.runUntilComplete(handsWorkToAThread()));
        assertEquals("the worker's own", worker.submit(TAG::get).get(10, TimeUnit.SECONDS));
    }

    static final class FailingBridge implements ThreadLocalBridge<Object> {
        @Override
        public Object capture() {
            throw new IllegalStateException("capture fails");
        }

        @Override
        public Object restore(Object state) {
            throw new IllegalStateException("restore fails");
        }
    }

    @Test
    void aBridgeThatThrowsIsReportedAndTheTasksRunOn() {
        FailingBridge failing = new FailingBridge();
        ThreadLocalBridge.register(failing);
        try {
            loop.runUntilComplete(request("r", 1));
        } finally {
            ThreadLocalBridge.unregister(failing);
        }
        assertEquals("r ends at 2.0: r", log.get(log.size() - 1));
    }
}
