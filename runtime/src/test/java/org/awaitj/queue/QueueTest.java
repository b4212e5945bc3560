package org.awaitj.queue;

import org.awaitj.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CancellationException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@SuppressWarnings("try")     // try (var held = await(x.locked())) { ... } need not mention held
class QueueTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    private static double now() {
        return getRunningLoop().time();
    }

    @Async
    Coroutine<Void> producer(Queue<String> q, String name, int n, double pause) {
        for (int i = 0; i < n; i++) {
            await(q.put(name + i));
            log.add("put " + name + i + " at " + now());
            await(sleep(pause));
        }
        return result();
    }

    @Async
    Coroutine<Void> consumer(Queue<String> q, String name, int n, double pause) {
        for (int i = 0; i < n; i++) {
            await(sleep(pause));
            String item = await(q.get());
            log.add(name + " got " + item + " at " + now());
            q.taskDone();
        }
        return result();
    }

    @Async
    Coroutine<String> getOne(Queue<String> q, String name) {
        try {
            String item = await(q.get());
            log.add(name + " got " + item + " at " + now());
            return result(item);
        } catch (QueueShutDownException e) {
            log.add(name + " shut down at " + now());
            return result(null);
        } catch (CancellationException e) {
            log.add(name + " cancelled at " + now());
            throw e;
        }
    }

    @Async
    Coroutine<Void> putOne(Queue<String> q, String item) {
        try {
            await(q.put(item));
            log.add("put " + item + " at " + now());
        } catch (QueueShutDownException e) {
            log.add("put " + item + " shut down at " + now());
        } catch (CancellationException e) {
            log.add("put " + item + " cancelled at " + now());
            throw e;
        }
        return result();
    }

    @Test
    void nowaitOperationsAndSizes() {
        Queue<String> q = new Queue<>(2);
        assertEquals(2, q.maxsize());
        assertTrue(q.empty());
        assertFalse(q.full());
        q.putNowait("a");
        q.putNowait("b");
        assertEquals(2, q.qsize());
        assertTrue(q.full());
        assertThrows(QueueFullException.class, () -> q.putNowait("c"));
        assertEquals("a", q.getNowait());
        assertEquals("b", q.getNowait());
        QueueEmptyException e = assertThrows(QueueEmptyException.class, q::getNowait);
        assertTrue(e instanceof NoSuchElementException);
        assertThrows(NullPointerException.class, () -> q.putNowait(null));
        assertThrows(NullPointerException.class, () -> q.put(null));

        Queue<Integer> unbounded = new Queue<>();
        Queue<Integer> alsoUnbounded = new Queue<>(-1);
        for (int i = 0; i < 1000; i++) {
            unbounded.putNowait(i);
            alsoUnbounded.putNowait(i);
        }
        assertFalse(unbounded.full());
        assertFalse(alsoUnbounded.full());
        assertEquals(0, unbounded.maxsize());
        assertEquals(1000, unbounded.qsize());
    }

    @Async
    Coroutine<Void> boundedPutBlocks() {
        Queue<String> q = new Queue<>(1);
        Task<Void> p = createTask(producer(q, "x", 3, 0));
        Task<Void> c = createTask(consumer(q, "c", 3, 1));
        await(gather(p, c));
        assertEquals(0, q.putterCount());
        assertEquals(0, q.getterCount());
        return result();
    }

    @Test
    void aBoundedPutWaitsForAGet() {
        loop.runUntilComplete(boundedPutBlocks());
        assertEquals(List.of("put x0 at 0.0", "c got x0 at 1.0", "put x1 at 1.0", "c got x1 at 2.0", "put x2 at 2.0",
                "c got x2 at 3.0"), log);
    }

    @Async
    Coroutine<Void> gettersInOrder() {
        Queue<String> q = new Queue<>();
        List<Task<String>> getters = new ArrayList<>();
        for (String n : List.of("g1", "g2", "g3")) {
            getters.add(createTask(getOne(q, n)));
        }
        await(sleep(1));
        assertEquals(3, q.getterCount());
        q.putNowait("a");
        q.putNowait("b");
        await(sleep(1));
        await(q.put("c"));
        await(gather(getters));
        return result();
    }

    @Test
    void waitingConsumersAreServedFirstComeFirst() {
        loop.runUntilComplete(gettersInOrder());
        assertEquals(List.of("g1 got a at 1.0", "g2 got b at 1.0", "g3 got c at 2.0"), log);
    }

    @Async
    Coroutine<Void> puttersInOrder() {
        Queue<String> q = new Queue<>(1);
        q.putNowait("first");
        List<Task<Void>> putters = new ArrayList<>();
        for (String item : List.of("p1", "p2", "p3")) {
            putters.add(createTask(putOne(q, item)));
        }
        await(sleep(1));
        assertEquals(3, q.putterCount());
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            got.add(await(q.get()));
            await(sleep(1));
        }
        log.add("got " + got);
        await(gather(putters));
        return result();
    }

    @Test
    void waitingProducersAreServedFirstComeFirst() {
        loop.runUntilComplete(puttersInOrder());
        assertEquals(List.of("put p1 at 1.0", "put p2 at 2.0", "put p3 at 3.0", "got [first, p1, p2, p3]"), log);
    }

    @Async
    Coroutine<Void> joining() {
        Queue<String> q = new Queue<>();
        await(q.join());                            // nothing unfinished: at once
        log.add("joined empty at " + now());
        q.putNowait("a");
        q.putNowait("b");
        Task<Void> c = createTask(consumer(q, "c", 2, 1));
        await(q.join());
        log.add("joined at " + now());
        assertThrows(IllegalStateException.class, q::taskDone);
        await(c);
        return result();
    }

    @Test
    void joinWaitsUntilEveryItemIsDone() {
        loop.runUntilComplete(joining());
        assertEquals(List.of("joined empty at 0.0", "c got a at 1.0", "c got b at 2.0", "joined at 2.0"), log);
    }

    @Test
    void taskDoneMoreOftenThanItemsIsAnError() {
        Queue<String> q = new Queue<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
        assertEquals("taskDone() called too many times", e.getMessage());
        q.putNowait("a");
        q.getNowait();
        q.taskDone();
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    @Async
    Coroutine<Void> shuttingDown() {
        Queue<String> q = new Queue<>(2);
        Task<String> g = createTask(getOne(q, "early"));
        await(sleep(1));
        q.putNowait("a");                           // for "early"
        await(sleep(1));
        q.putNowait("b");
        q.putNowait("c");
        Task<Void> p = createTask(putOne(q, "d"));  // waits: the queue is full
        await(sleep(1));
        q.shutdown();
        assertThrows(QueueShutDownException.class, () -> q.putNowait("e"));
        await(putOne(q, "f"));
        await(p);                                   // the waiting producer is woken and refused
        // the items left can still be taken; then gets fail
        await(getOne(q, "x"));
        assertEquals("c", q.getNowait());
        assertThrows(QueueShutDownException.class, q::getNowait);
        await(getOne(q, "y"));
        await(g);
        assertEquals(0, q.getterCount());
        assertEquals(0, q.putterCount());
        return result();
    }

    @Test
    void afterShutdownPutsFailAndGetsFailOnceEmpty() {
        loop.runUntilComplete(shuttingDown());
        assertEquals(List.of("early got a at 1.0", "put f shut down at 3.0", "put d shut down at 3.0",
                "x got b at 3.0", "y shut down at 3.0"), log);
    }

    @Async
    Coroutine<Void> waitingGettersAreWokenByShutdown() {
        Queue<String> q = new Queue<>();
        Task<String> a = createTask(getOne(q, "a"));
        Task<String> b = createTask(getOne(q, "b"));
        Task<Void> joiner = createTask(joinAndLog(q));
        await(sleep(1));
        q.shutdown();
        await(gather(a, b, joiner));
        return result();
    }

    @Async
    Coroutine<Void> joinAndLog(Queue<String> q) {
        await(q.join());
        log.add("joined at " + now());
        return result();
    }

    @Test
    void shutdownWakesWaitingConsumers() {
        loop.runUntilComplete(waitingGettersAreWokenByShutdown());
        assertEquals(List.of("joined at 0.0", "a shut down at 1.0", "b shut down at 1.0"), log);
    }

    @Async
    Coroutine<Void> shuttingDownImmediately() {
        Queue<String> q = new Queue<>(2);
        q.putNowait("a");
        String taken = q.getNowait();               // taken but not done: join still waits for it
        q.putNowait("b");
        q.putNowait("c");
        Task<Void> p = createTask(putOne(q, "d"));  // waits: the queue is full
        Task<Void> joiner = createTask(joinAndLog(q));
        await(sleep(1));
        assertEquals(1, q.putterCount());
        assertEquals(3, q.unfinishedTasks());
        q.shutdown(true);
        assertEquals(0, q.qsize());
        assertEquals(1, q.unfinishedTasks());       // b and c count as done: only "a" is left
        await(getOne(q, "after"));                  // at once, although "b" and "c" were there
        await(p);                                   // woken, and refused
        await(sleep(1));
        assertFalse(joiner.isDone());
        log.add("done with " + taken);
        q.taskDone();
        await(joiner);
        return result();
    }

    @Test
    void shutdownImmediatelyDropsTheItemsAndCountsThemDone() {
        loop.runUntilComplete(shuttingDownImmediately());
        assertEquals(List.of("after shut down at 1.0", "put d shut down at 1.0", "done with a", "joined at 2.0"), log);
    }

    @Async
    Coroutine<Void> immediateShutdownReleasesJoiners() {
        Queue<String> q = new Queue<>();
        q.putNowait("a");
        q.putNowait("b");
        Task<Void> joiner = createTask(joinAndLog(q));
        await(sleep(1));
        q.shutdown(true);
        await(joiner);
        assertEquals(0, q.unfinishedTasks());
        return result();
    }

    @Test
    void shutdownImmediatelyWakesJoinersWhenNothingIsLeft() {
        loop.runUntilComplete(immediateShutdownReleasesJoiners());
        assertEquals(List.of("joined at 1.0"), log);
    }

    @Test
    void priorityQueueYieldsTheSmallestFirst() {
        PriorityQueue<Integer> q = new PriorityQueue<>();
        for (int i : new int[] {5, 1, 4, 2, 3}) {
            q.putNowait(i);
        }
        List<Integer> out = new ArrayList<>();
        while (!q.empty()) {
            out.add(q.getNowait());
        }
        assertEquals(List.of(1, 2, 3, 4, 5), out);

        PriorityQueue<String> byLength = new PriorityQueue<>(2, Comparator.comparing(String::length));
        byLength.putNowait("ccc");
        byLength.putNowait("a");
        assertTrue(byLength.full());
        assertEquals("a", byLength.getNowait());
        PriorityQueue<Integer> reversed = new PriorityQueue<>(Comparator.reverseOrder());
        reversed.putNowait(1);
        reversed.putNowait(3);
        reversed.putNowait(2);
        assertEquals(3, reversed.getNowait());
        assertEquals(0, new PriorityQueue<Integer>(0).maxsize());
    }

    @Test
    void lifoQueueYieldsTheLastFirst() {
        LifoQueue<String> q = new LifoQueue<>(3);
        q.putNowait("a");
        q.putNowait("b");
        q.putNowait("c");
        assertTrue(q.full());
        assertEquals("c", q.getNowait());
        q.putNowait("d");
        assertEquals("d", q.getNowait());
        assertEquals("b", q.getNowait());
        assertEquals("a", q.getNowait());
        assertThrows(QueueEmptyException.class, q::getNowait);
        assertFalse(new LifoQueue<String>().full());
    }

    @Async
    Coroutine<List<Integer>> priorityThroughWaiting() {
        PriorityQueue<Integer> q = new PriorityQueue<>(2);
        await(q.put(3));
        await(q.put(1));
        Task<Void> late = createTask(putLater(q, 2));
        List<Integer> out = new ArrayList<>();
        await(sleep(1));
        out.add(await(q.get()));
        await(late);
        out.add(await(q.get()));
        out.add(await(q.get()));
        return result(out);
    }

    @Async
    Coroutine<Void> putLater(Queue<Integer> q, int item) {
        await(q.put(item));
        return result();
    }

    @Test
    void priorityOrderHoldsForItemsPutAfterWaiting() {
        assertEquals(List.of(1, 2, 3), loop.runUntilComplete(priorityThroughWaiting()));
    }

    @Async
    Coroutine<Void> consumerCancelledAfterBeingWoken() {
        Queue<String> q = new Queue<>();
        Task<String> a = createTask(getOne(q, "a"));
        Task<String> b = createTask(getOne(q, "b"));
        await(sleep(1));
        q.putNowait("item");        // wakes a ...
        a.cancel();                 // ... which is cancelled before it runs: b must get the item
        await(gather(true, a, b));
        assertTrue(a.isCancelled());
        assertEquals("item", b.result());
        assertEquals(0, q.getterCount());
        assertEquals(0, q.qsize());
        return result();
    }

    @Test
    void aConsumerCancelledAfterBeingWokenPassesTheItemOn() {
        loop.runUntilComplete(consumerCancelledAfterBeingWoken());
        assertEquals(List.of("a cancelled at 1.0", "b got item at 1.0"), log);
    }

    @Async
    Coroutine<Void> consumerCancelledWhileWaiting() {
        Queue<String> q = new Queue<>();
        Task<String> a = createTask(getOne(q, "a"));
        Task<String> b = createTask(getOne(q, "b"));
        await(sleep(1));
        a.cancel();
        await(sleep(0));
        assertEquals(1, q.getterCount());          // a took its future away
        q.putNowait("item");
        await(gather(true, a, b));
        assertEquals("item", b.result());
        return result();
    }

    @Test
    void aConsumerCancelledWhileWaitingTakesNothing() {
        loop.runUntilComplete(consumerCancelledWhileWaiting());
        assertEquals(List.of("a cancelled at 1.0", "b got item at 1.0"), log);
    }

    @Async
    Coroutine<Void> producerCancelledAfterBeingWoken() {
        Queue<String> q = new Queue<>(1);
        q.putNowait("first");
        Task<Void> a = createTask(putOne(q, "a"));
        Task<Void> b = createTask(putOne(q, "b"));
        await(sleep(1));
        assertEquals("first", q.getNowait());      // wakes a ...
        a.cancel();                                 // ... cancelled before it runs: b gets the slot
        await(gather(true, a, b));
        assertEquals(List.of("b"), List.of(q.getNowait()));
        assertEquals(0, q.putterCount());
        return result();
    }

    @Test
    void aProducerCancelledAfterBeingWokenPassesTheSlotOn() {
        loop.runUntilComplete(producerCancelledAfterBeingWoken());
        assertEquals(List.of("put a cancelled at 1.0", "put b at 1.0"), log);
    }

    @Async
    Coroutine<Void> lateGetterLosesTheRace() {
        // as in asyncio, a woken consumer re-checks when it runs: a getNowait in between takes the item,
        // and the woken consumer waits again (at the back)
        Queue<String> q = new Queue<>();
        Task<String> a = createTask(getOne(q, "a"));
        await(sleep(1));
        q.putNowait("x");
        log.add("main took " + q.getNowait());
        await(sleep(1));
        assertFalse(a.isDone());
        assertEquals(1, q.getterCount());
        q.putNowait("y");
        await(a);
        return result();
    }

    @Test
    void aWokenConsumerThatFindsTheQueueEmptyWaitsAgain() {
        loop.runUntilComplete(lateGetterLosesTheRace());
        assertEquals(List.of("main took x", "a got y at 2.0"), log);
    }

    @Test
    void aQueueBelongsToOneLoop() {
        Queue<String> q = new Queue<>();
        loop.runUntilComplete(waitAndCancel(q));
        EventLoop other = EventLoop.withVirtualTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.runUntilComplete(q.get()));
        assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
        q.putNowait("x");                           // what needs no waiting works anywhere
        assertEquals("x", other.runUntilComplete(q.get()));
    }

    @Async
    Coroutine<Void> waitAndCancel(Queue<String> q) {
        Task<String> t = createTask(q.get());
        await(sleep(0));
        t.cancel();
        await(RuntimeTestSupport.outcome(t));
        return result();
    }

    @Async
    Coroutine<String> stackOfAWaitingConsumer() {
        Queue<String> q = new Queue<>();
        Task<String> t = createTask(getOne(q, "a"));
        await(sleep(0));
        StackTraceElement[] stack = t.getStack();
        q.putNowait("x");
        await(t);
        return result(stack[0].getClassName() + "." + stack[0].getMethodName() + " <- " + stack[1].getMethodName());
    }

    @Test
    void aWaitingTaskShowsTheQueueInItsStack() {
        assertEquals("org.awaitj.queue.Queue.get <- getOne", loop.runUntilComplete(stackOfAWaitingConsumer()));
    }
}
