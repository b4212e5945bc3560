package org.awaitj;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What is done keeps no reference to what it no longer needs: a finished task's root coroutine drops its task, a
 * done gather its children, a grown or closed ready queue the ring it let go of. A large array that became garbage
 * in the old generation keeps what it references alive through young collections until the next marking; with
 * these references a million tasks gathered were copied at every collection, whatever the application kept.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DoneWorkLetsGoOfWhatItHeldTest {

    @Async
    static Coroutine<String> sleeper(double seconds, String value) {
        await(sleep(seconds));
        return result(value);
    }

    @Async
    static Coroutine<String> failing(double seconds) {
        await(sleep(seconds));
        throw new IllegalArgumentException("failed on purpose");
    }

    /** Collects until {@code ref} is cleared, or gives up: what is still strongly reachable is never cleared. */
    private static boolean collected(WeakReference<?> ref) {
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
        }
        return ref.get() == null;
    }

    @Async
    static Coroutine<String> runAndAwait(Coroutine<String> c, List<WeakReference<Task<?>>> tasks) {
        Task<String> t = createTask(c);
        tasks.add(new WeakReference<>(t));
        return result(await(t));
    }

    @Test
    void aKeptCoroutineDoesNotKeepItsFinishedTaskAlive() {
        Coroutine<String> kept = sleeper(1, "v");
        List<WeakReference<Task<?>>> tasks = new ArrayList<>();
        EventLoop loop = EventLoop.withVirtualTime();
        assertEquals("v", loop.runUntilComplete(runAndAwait(kept, tasks)));
        loop.close();
        loop = null;
        assertTrue(collected(tasks.get(0)), "the coroutine kept its finished task");
        assertTrue(kept.toString().endsWith(" finished>"), kept.toString());
    }

    @Async
    static Coroutine<List<String>> gatherOf(Coroutine<String> c) {
        return result(await(gather(c)));
    }

    @Test
    void aFinishedTasksRootStillRunsOnceAndIsStillItsCoroutine() {
        EventLoop loop = EventLoop.withVirtualTime();
        Coroutine<String> c = sleeper(1, "v");
        Task<String> t = loop.createTask(c);
        loop.runUntilComplete(t);
        assertSame(c, t.getCoroutine());
        assertEquals("v", t.result());
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(c));
        assertTrue(again.getMessage().contains("already awaited or scheduled"), again.getMessage());
        IllegalStateException gathered = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(gatherOf(c)));
        assertTrue(gathered.getMessage().contains("already awaited or scheduled"), gathered.getMessage());
        loop.close();
    }

    /** A gather, done, while the test still holds it: each child task is collected once its loop is gone. */
    private static void assertDoneGatherHoldsNoChild(Future<?> gather, List<WeakReference<Task<?>>> children,
            String state) {
        assertTrue(gather.isDone());
        assertEquals("<Gather " + state + " of " + children.size() + ">", gather.toString(), "the count is kept");
        assertEquals(List.of(), ((Gather<?>) gather).children());
        for (WeakReference<Task<?>> child : children) {
            assertTrue(collected(child), "the done gather kept a child");
        }
    }

    @Async
    static Coroutine<Future<List<String>>> gathered(boolean failFirst, List<WeakReference<Task<?>>> children) {
        List<Task<String>> tasks = new ArrayList<>();
        tasks.add(createTask(failFirst ? failing(1) : sleeper(1, "a")));
        tasks.add(createTask(sleeper(2, "b")));
        for (Task<String> t : tasks) {
            children.add(new WeakReference<>(t));
        }
        Future<List<String>> g = gather(tasks);
        tasks = null;
        try {
            await(g);
        } catch (IllegalArgumentException expected) {
            // the first failure ends the gather; the other child goes on running
        }
        await(sleep(5));    // every child done
        return result(g);
    }

    @Test
    void aGatherThatSucceededLetsGoOfItsChildren() {
        List<WeakReference<Task<?>>> children = new ArrayList<>();
        EventLoop loop = EventLoop.withVirtualTime();
        Future<List<String>> g = loop.runUntilComplete(gathered(false, children));
        assertEquals(List.of("a", "b"), g.result());
        loop.close();
        loop = null;
        assertDoneGatherHoldsNoChild(g, children, "finished");
    }

    @Test
    void aGatherThatFailedLetsGoOfItsChildren() {
        List<WeakReference<Task<?>>> children = new ArrayList<>();
        EventLoop loop = EventLoop.withVirtualTime();
        Future<List<String>> g = loop.runUntilComplete(gathered(true, children));
        assertTrue(g.exception() instanceof IllegalArgumentException);
        loop.close();
        loop = null;
        assertDoneGatherHoldsNoChild(g, children, "finished");
    }

    @Async
    static Coroutine<Future<List<String>>> cancelledGather(List<WeakReference<Task<?>>> children) {
        Task<String> t = createTask(sleeper(10, "a"));
        children.add(new WeakReference<>(t));
        Future<List<String>> g = gather(t);
        t = null;
        await(sleep(1));
        g.cancel();
        await(sleep(1));
        return result(g);
    }

    @Test
    void aCancelledGatherLetsGoOfItsChildren() {
        List<WeakReference<Task<?>>> children = new ArrayList<>();
        EventLoop loop = EventLoop.withVirtualTime();
        Future<List<String>> g = loop.runUntilComplete(cancelledGather(children));
        assertTrue(g.isCancelled());
        loop.close();
        loop = null;
        assertDoneGatherHoldsNoChild(g, children, "cancelled");
    }

    private static Object[] ring(ReadyQueue q) throws ReflectiveOperationException {
        Field f = ReadyQueue.class.getDeclaredField("ring");
        f.setAccessible(true);
        return (Object[]) f.get(q);
    }

    @Test
    void aReadyQueueEmptiesTheRingsItLetsGoOf() throws ReflectiveOperationException {
        ReadyQueue q = new ReadyQueue(null);
        Object[] first = ring(q);
        for (int i = 0; i < first.length; i++) {
            q.add("entry " + i);
        }
        q.poll();               // the ring wraps: the oldest entry is not at index 0
        q.add("wrapped");
        q.add("past the ring"); // grows
        Object[] grown = ring(q);
        assertTrue(grown.length > first.length);
        assertEquals(Arrays.asList(new Object[first.length]), Arrays.asList(first), "the old ring still holds entries");
        assertEquals(first.length + 1, q.size());
        assertEquals("entry 1", q.poll());      // and the entries kept their order
        q.close();
        assertTrue(Arrays.stream(grown).allMatch(e -> e == null), "the closed ring still holds entries");
    }
}
