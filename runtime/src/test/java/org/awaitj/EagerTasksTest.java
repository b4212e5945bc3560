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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eager tasks (asyncio 3.12's eager_task_factory and eager_start): the coroutine runs inside createTask until
 * it first suspends; everything else is as for any task.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EagerTasksTest {
    static final ContextVar<String> WHO = new ContextVar<>("who", "-");

    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    @Async
    Coroutine<String> immediate(String name) {
        log.add(name + " runs in " + currentTask().getName());
        return result(name);
    }

    @Async
    Coroutine<String> suspending(String name, double seconds) {
        log.add(name + " before its await");
        try {
            await(sleep(seconds));
        } catch (CancellationException e) {
            log.add(name + " cancelled at " + loop.time());
            throw e;
        } finally {
            log.add(name + " finally");
        }
        log.add(name + " after its await at " + loop.time());
        return result(name);
    }

    @Async
    Coroutine<Void> createsEagerly() {
        loop.callSoon(() -> log.add("a callback queued before"));
        Task<String> done = createEagerTask(immediate("quick"), "quick-task");
        log.add("quick done when createTask returns: " + done.isDone() + " " + done.result());
        Task<String> later = createEagerTask(suspending("slow", 1));
        log.add("slow done when createTask returns: " + later.isDone());
        await(later);
        log.add("creator after slow at " + loop.time());
        return result();
    }

    @Test
    void theCoroutineRunsInsideCreateTaskUntilItFirstSuspends() {
        loop.runUntilComplete(createsEagerly());
        assertEquals(List.of(
                "quick runs in quick-task",
                "quick done when createTask returns: true quick",
                "slow before its await",
                "slow done when createTask returns: false",
                "a callback queued before",
                "slow finally",
                "slow after its await at 1.0",
                "creator after slow at 1.0"), log);
    }

    @Async
    Coroutine<Boolean> currentTaskInsideIsTheNewTask() {
        Task<?> creator = currentTask();
        Task<?>[] inside = new Task<?>[1];
        Task<Void> t = createEagerTask(records(inside));
        return result(inside[0] == t && currentTask() == creator && allTasks().contains(creator));
    }

    @Async
    Coroutine<Void> records(Task<?>[] inside) {
        inside[0] = currentTask();
        return result();
    }

    @Test
    void currentTaskInsideTheEagerStepIsTheNewTaskAndTheCreatorsAfter() {
        assertTrue(loop.runUntilComplete(currentTaskInsideIsTheNewTask()));
    }

    @Async
    Coroutine<String> cancelledRightAfterCreation() {
        Task<String> t = createEagerTask(suspending("victim", 5));
        t.cancel();
        return result(await(RuntimeTestSupport.outcome(t)) + " at " + loop.time());
    }

    @Test
    void cancellingAnEagerTaskSuspendedAtItsFirstAwaitDeliversTheCancellationThere() {
        assertEquals("cancelled at 0.0", loop.runUntilComplete(cancelledRightAfterCreation()));
        assertEquals(List.of("victim before its await", "victim cancelled at 0.0", "victim finally"), log);
    }

    @Test
    void anEagerTaskCreatedWhileTheLoopIsNotRunningIsQueuedSoCancellingItFirstRunsNoneOfIt() {
        loop.setEagerTasks(true);
        Task<String> t = loop.createTask(suspending("never", 1));
        assertFalse(t.isDone());
        assertTrue(log.isEmpty(), "not started: the loop is not running");
        t.cancel();
        assertEquals("cancelled", loop.runUntilComplete(RuntimeTestSupport.outcome(t)));
        assertTrue(log.isEmpty(), "cancelled before it started: none of the body ran " + log);
    }

    @Async
    Coroutine<List<String>> loopWideEagerness() {
        Task<String> eager = createTask(immediate("by default"));
        Task<String> lazy = getRunningLoop().createTask(immediate("asked lazy"), "lazy", false);
        log.add("eager done " + eager.isDone() + ", lazy done " + lazy.isDone());
        List<String> both = await(gather(immediate("g1"), immediate("g2")));
        await(lazy);
        return result(both);
    }

    @Test
    void aLoopSetToEagerTasksStartsCreateTaskAndGatherEagerlyUnlessAskedNotTo() {
        loop.setEagerTasks(true);
        assertTrue(loop.getEagerTasks());
        assertEquals(List.of("g1", "g2"), loop.runUntilComplete(loopWideEagerness()));
        assertEquals("eager done true, lazy done false", log.get(1));
        assertTrue(log.get(0).startsWith("by default runs in Task-"), log.toString());
        assertTrue(log.get(2).startsWith("g1 runs in Task-"), log.toString());
        assertEquals("asked lazy runs in lazy", log.get(4));
    }

    @Async
    Coroutine<String> failsAtOnce(IllegalStateException e) {
        throw e;
    }

    @Async
    Coroutine<String> groupWithEagerChildren(IllegalStateException e) {
        try (TaskGroup tg = new TaskGroup()) {
            Task<String> slow = tg.createTask(suspending("member", 5));
            log.add("member pending: " + !slow.isDone());
            tg.createTask(failsAtOnce(e));
            log.add("body goes on");
            await(sleep(10));
            log.add("body not cancelled?");
        } catch (TaskGroupException g) {
            return result(g.exceptions().size() + " " + (g.exceptions().get(0) == e) + " at " + loop.time());
        }
        return result("no failure");
    }

    @Test
    void eagerChildrenAreMembersOfTheirTaskGroupAndOneFailingAtOnceCancelsTheRest() {
        loop.setEagerTasks(true);
        assertEquals("1 true at 0.0", loop.runUntilComplete(groupWithEagerChildren(new IllegalStateException("boom"))));
        assertEquals(List.of("member before its await", "member pending: true", "body goes on",
                "member cancelled at 0.0", "member finally"), log);
    }

    @Async
    Coroutine<String> eagerContext() {
        WHO.set("creator");
        Task<String> t = createEagerTask(setsWho());
        String afterCreate = WHO.get();
        return result(await(t) + " / creator still " + afterCreate);
    }

    @Async
    Coroutine<String> setsWho() {
        String inherited = WHO.get();
        WHO.set("eager child");
        await(sleep(0));
        return result(inherited + " then " + WHO.get());
    }

    @Test
    void anEagerTaskRunsInACopyOfItsCreatorsContextThoughItRunsInsideItsCreator() {
        assertEquals("creator then eager child / creator still creator", loop.runUntilComplete(eagerContext()));
    }

    @Async
    Coroutine<Integer> nest(int depth) {
        if (depth == 0) {
            return result(0);
        }
        Task<Integer> inner = createEagerTask(nest(depth - 1));
        return result(await(inner) + 1);
    }

    @Test
    void eagerTasksCreatingEagerTasksVeryDeepNeedABoundedStack() {
        assertEquals(20_000, loop.runUntilComplete(nest(20_000)));
    }

    @Async
    Coroutine<Integer> deepAwaits(int depth) {
        if (depth == 0) {
            Task<Integer> t = createEagerTask(nest(50));
            return result(await(t));
        }
        return result(await(deepAwaits(depth - 1)));
    }

    @Test
    void anEagerStartDeepInAnAwaitChainIsBoundedByTheSameDepth() {
        assertEquals(50, loop.runUntilComplete(deepAwaits(1_000)));
    }

    @Async
    Coroutine<String> failsInsideTheEagerStep() {
        Task<String> t = createEagerTask(failsAtOnce(new IllegalStateException("inside")));
        String seen = t.isDone() + " " + t.exception().getMessage();
        return result(seen);
    }

    @Test
    void anExceptionOfTheEagerStepGoesToTheTaskNotToItsCreator() {
        assertEquals("true inside", loop.runUntilComplete(failsInsideTheEagerStep()));
    }

    @Test
    void eagerTasksKeepTheirName() {
        loop.setEagerTasks(true);
        Task<String> t = loop.runUntilComplete(namedInside());
        assertEquals("named", t.getName());
        assertEquals(List.of("x runs in named"), log);
    }

    @Async
    Coroutine<Task<String>> namedInside() {
        return result(createTask(immediate("x"), "named"));
    }
}
