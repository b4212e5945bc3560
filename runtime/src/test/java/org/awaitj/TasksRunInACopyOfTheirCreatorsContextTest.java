package org.awaitj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * asyncio's rule for contexts: a task runs in a copy of the context current where it was created, so what it
 * sets is seen by itself and by the tasks it creates afterwards, never by its creator or its siblings.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TasksRunInACopyOfTheirCreatorsContextTest {
    static final ContextVar<String> REQUEST = new ContextVar<>("request", "-");

    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    private void note(String who, String what) {
        log.add(who + " " + what + " at " + loop.time() + ": " + REQUEST.get());
    }

    @Async
    Coroutine<String> worker(String name, double pause) {
        note(name, "starts");
        REQUEST.set(name);
        await(sleep(pause));
        note(name, "resumes");
        Task<String> grandchild = createTask(reader(name + "'s child"));
        await(sleep(pause));
        note(name, "ends");
        return result(await(grandchild));
    }

    @Async
    Coroutine<String> reader(String name) {
        note(name, "reads");
        return result(REQUEST.get());
    }

    @Async
    Coroutine<List<String>> twoSiblings() {
        REQUEST.set("parent");
        Task<String> a = createTask(worker("a", 1));
        Task<String> b = createTask(worker("b", 1.5));
        REQUEST.set("parent, later");       // after the children were created: they never see it
        await(sleep(0.5));
        note("parent", "between");
        String ra = await(a);
        String rb = await(b);
        note("parent", "done");
        return result(List.of(ra, rb));
    }

    @Test
    void eachTaskSeesItsOwnSetAcrossAwaitsAndPassesItOnNeverBack() {
        assertEquals(List.of("a", "b"), loop.runUntilComplete(twoSiblings()));
        assertEquals(List.of(
                "a starts at 0.0: parent",
                "b starts at 0.0: parent",
                "parent between at 0.5: parent, later",
                "a resumes at 1.0: a",
                "a's child reads at 1.0: a",
                "b resumes at 1.5: b",
                "b's child reads at 1.5: b",
                "a ends at 2.0: a",
                "b ends at 3.0: b",
                "parent done at 3.0: parent, later"), log);
    }

    @Async
    Coroutine<String> setsInAnAwaitedCoroutine() {
        REQUEST.set("inner");
        await(sleep(0));
        return result("set");
    }

    @Async
    Coroutine<String> awaitsDirectly() {
        await(setsInAnAwaitedCoroutine());
        return result(REQUEST.get());
    }

    @Test
    void anAwaitedCoroutineRunsInItsCallersContextSoItsSetIsTheCallers() {
        assertEquals("inner", loop.runUntilComplete(awaitsDirectly()), "await is a call: one task, one context");
    }

    @Async
    Coroutine<Void> groupOfTwo() {
        REQUEST.set("body");
        try (TaskGroup tg = new TaskGroup()) {
            tg.createTask(worker("g1", 1));
            REQUEST.set("body, later");
            tg.createTask(worker("g2", 1));
        }
        note("body", "after the group");
        return result();
    }

    @Test
    void taskGroupChildrenGetACopyAtTheirCreation() {
        loop.runUntilComplete(groupOfTwo());
        assertEquals("g1 starts at 0.0: body", log.get(0));
        assertEquals("g2 starts at 0.0: body, later", log.get(1));
        assertEquals("body after the group at 2.0: body, later", log.get(log.size() - 1));
        assertTrue(log.contains("g1's child reads at 1.0: g1"), log.toString());
        assertTrue(log.contains("g2's child reads at 1.0: g2"), log.toString());
    }

    @Async
    Coroutine<List<String>> gatherOfCoroutines() {
        REQUEST.set("gatherer");
        List<String> r = await(gather(worker("c1", 1), worker("c2", 2), reader("c3")));
        note("gatherer", "after gather");
        return result(r);
    }

    @Test
    void gatherRunsEachCoroutineInACopyOfItsOwn() {
        assertEquals(List.of("c1", "c2", "gatherer"), loop.runUntilComplete(gatherOfCoroutines()));
        assertEquals("gatherer after gather at 4.0: gatherer", log.get(log.size() - 1));
        assertTrue(log.contains("c3 reads at 0.0: gatherer"), log.toString());
    }

    @Async
    Coroutine<String> snapshots() {
        Task<?> me = currentTask();
        Context before = me.getContext();
        REQUEST.set("now");
        Context after = me.getContext();
        return result(before.toMap() + " " + after.toMap() + " " + (after == Context.current()));
    }

    @Test
    void getContextIsAnImmutableSnapshotOfTheTasksContext() {
        assertEquals("{} " + Map.of(REQUEST, "now") + " true", loop.runUntilComplete(snapshots()));
    }
}
