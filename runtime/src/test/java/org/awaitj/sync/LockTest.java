package org.awaitj.sync;

import org.awaitj.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@SuppressWarnings("try")     // try (var held = await(x.locked())) { ... } need not mention held
class LockTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    private static double now() {
        return getRunningLoop().time();
    }

    @Async
    Coroutine<Void> worker(Lock lock, String name, double seconds) {
        await(lock.acquire());
        log.add(name + " acquired at " + now());
        await(sleep(seconds));
        lock.release();
        return result();
    }

    @Async
    Coroutine<Void> waitersAcquireInArrivalOrderAndNobodyBargesIn() {
        Lock lock = new Lock();
        await(lock.acquire());
        assertTrue(lock.isLocked());
        Task<Void> a = createTask(worker(lock, "a", 1));
        Task<Void> b = createTask(worker(lock, "b", 1));
        Task<Void> c = createTask(worker(lock, "c", 1));
        await(sleep(0));
        assertEquals(3, lock.waiterCount());
        lock.release();
        // the lock is kept for a: this task, asking again right away, queues behind a, b and c
        await(lock.acquire());
        log.add("main acquired at " + now());
        lock.release();
        await(gather(a, b, c));
        assertFalse(lock.isLocked());
        assertEquals(0, lock.waiterCount());
        return result();
    }

    @Test
    void fifoAndNoBarging() {
        loop.runUntilComplete(waitersAcquireInArrivalOrderAndNobodyBargesIn());
        assertEquals(List.of("a acquired at 0.0", "b acquired at 1.0", "c acquired at 2.0", "main acquired at 3.0"), log);
    }

    @Async
    Coroutine<Boolean> uncontended() {
        Lock lock = new Lock();
        await(lock.acquire());
        boolean locked = lock.isLocked();
        lock.release();
        return result(locked && !lock.isLocked() && lock.waiterCount() == 0);
    }

    @Test
    void anUncontendedLockIsAcquiredWithoutWaiting() {
        assertTrue(loop.runUntilComplete(uncontended()));
    }

    @Test
    void releasingAnUnlockedLockIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Lock().release());
        assertEquals("Lock is not acquired", e.getMessage());
    }

    @Async
    Coroutine<Void> lockedBlockThatThrows(Lock lock) throws IOException {
        try (var held = await(lock.locked())) {
            log.add("inside, locked=" + lock.isLocked());
            await(sleep(1));
            throw new IOException("boom");
        }
    }

    @Async
    Coroutine<Void> lockedBlockThatReturns(Lock lock) {
        try (Held held = await(lock.locked())) {
            log.add("inside, locked=" + lock.isLocked());
            await(sleep(1));
        }
        log.add("after, locked=" + lock.isLocked());
        return result();
    }

    @Async
    Coroutine<Void> asyncWith() {
        Lock lock = new Lock();
        try {
            await(lockedBlockThatThrows(lock));
        } catch (IOException e) {
            log.add("caught " + e.getMessage() + ", locked=" + lock.isLocked());
        }
        await(lockedBlockThatReturns(lock));
        return result();
    }

    @Test
    void lockedReleasesAtTheEndOfTheBlockAlsoOnException() {
        loop.runUntilComplete(asyncWith());
        assertEquals(List.of("inside, locked=true", "caught boom, locked=false", "inside, locked=true", "after, locked=false"), log);
    }

    @Test
    void closingHeldTwiceReleasesOnce() {
        Lock lock = new Lock();
        Held h = loop.runUntilComplete(lock.locked());
        assertTrue(lock.isLocked());
        h.close();
        h.close();
        assertFalse(lock.isLocked());
    }

    @Async
    Coroutine<Void> cancelledWhileWaiting() {
        Lock lock = new Lock();
        await(lock.acquire());
        Task<Void> a = createTask(worker(lock, "a", 1));
        Task<Void> b = createTask(worker(lock, "b", 1));
        await(sleep(0));
        a.cancel();
        await(sleep(0));
        assertEquals(1, lock.waiterCount());       // a took its future away
        lock.release();
        log.add("a " + await(RuntimeTestSupport.outcome(a)));
        await(b);
        assertFalse(lock.isLocked());
        return result();
    }

    @Test
    void aWaiterCancelledWhileWaitingLeavesTheQueue() {
        loop.runUntilComplete(cancelledWhileWaiting());
        assertEquals(List.of("a cancelled", "b acquired at 0.0"), log);
    }

    @Async
    Coroutine<Void> cancelledAfterHandover() {
        Lock lock = new Lock();
        await(lock.acquire());
        Task<Void> a = createTask(worker(lock, "a", 1));
        Task<Void> b = createTask(worker(lock, "b", 1));
        await(sleep(0));
        lock.release();         // kept for a ...
        a.cancel();             // ... which is cancelled before it runs: b must get the lock
        log.add("a " + await(RuntimeTestSupport.outcome(a)));
        await(b);
        assertFalse(lock.isLocked());
        assertEquals(0, lock.waiterCount());
        return result();
    }

    @Test
    void aWaiterCancelledAfterTheLockWasKeptForItPassesItOn() {
        loop.runUntilComplete(cancelledAfterHandover());
        assertEquals(List.of("b acquired at 0.0", "a cancelled"), log);    // a runs first, and hands over to b
    }

    @Async
    Coroutine<String> allWaitersCancelled() {
        Lock lock = new Lock();
        await(lock.acquire());
        Task<Void> a = createTask(lock.acquire());
        await(sleep(0));
        lock.release();
        a.cancel();             // a's future is done: a is still in the deque until it runs
        await(lock.acquire());  // all waiters cancelled? no: a was woken, so this one queues ...
        String first = "main after a: " + a.isCancelled();
        lock.release();
        return result(first);
    }

    @Test
    void aNewAcquirerWaitsForAWokenWaiterEvenIfItIsCancelledMeanwhile() {
        assertEquals("main after a: true", loop.runUntilComplete(allWaitersCancelled()));
    }

    @Async
    Coroutine<String> jumpOverCancelledWaiters() {
        Lock lock = new Lock();
        await(lock.acquire());
        Task<Void> a = createTask(lock.acquire());
        await(sleep(0));
        a.cancel();             // a's future is cancelled but a has not run yet
        lock.release();
        await(lock.acquire());  // every waiter is cancelled: no need to queue
        String r = "acquired while a is done: " + a.isDone();
        lock.release();
        await(RuntimeTestSupport.outcome(a));
        return result(r);
    }

    @Test
    void cancelledWaitersAreJumpedOver() {
        assertEquals("acquired while a is done: false", loop.runUntilComplete(jumpOverCancelledWaiters()));
    }

    @Async
    Coroutine<Void> holdAndWait(Lock lock) {
        await(lock.acquire());
        await(sleep(10));
        return result();
    }

    @Async
    Coroutine<String> stackOfAWaiter() {
        Lock lock = new Lock();
        await(lock.acquire());
        Task<Held> t = createTask(lock.locked());
        await(sleep(0));
        StackTraceElement top = t.getStack()[0];
        lock.release();
        await(t).close();
        return result(top.getClassName() + "." + top.getMethodName() + " in " + top.getFileName() + ", " + lock);
    }

    @Test
    void aWaitingTaskShowsTheLockInItsStack() {
        assertEquals("org.awaitj.sync.Lock.locked in Lock.java, <Lock [unlocked]>", loop.runUntilComplete(stackOfAWaiter()));
    }

    @Test
    void aLockBelongsToOneLoop() {
        Lock lock = new Lock();
        loop.runUntilComplete(lockOnFirstLoop(lock));
        EventLoop other = EventLoop.withVirtualTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.runUntilComplete(lock.acquire()));
        assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
    }

    @Async
    Coroutine<Void> lockOnFirstLoop(Lock lock) {
        Task<Void> holder = createTask(holdAndWait(lock));
        await(sleep(0));
        Task<Void> waiter = createTask(lock.acquire());
        await(sleep(0));
        waiter.cancel();
        await(RuntimeTestSupport.outcome(waiter));
        await(holder);
        return result();
    }

    private final Random random = new Random(11);
    private int inside;
    private int entries;

    @Async
    Coroutine<Void> busy(Lock lock) {
        for (;;) {
            try (var held = await(lock.locked())) {
                inside++;
                entries++;
                assertEquals(1, inside);
                try {
                    await(sleep(random.nextInt(3) * 0.001));
                } finally {
                    inside--;
                }
            }
            if (random.nextBoolean()) {
                await(sleep(0));
            }
        }
    }

    @Async
    Coroutine<Void> randomCancellations() {
        Lock lock = new Lock();
        List<Task<Void>> workers = new ArrayList<>();
        List<Task<Void>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Task<Void> t = createTask(busy(lock));
            workers.add(t);
            all.add(t);
        }
        for (int round = 0; round < 3000; round++) {
            await(sleep(random.nextInt(2) * 0.001));
            int i = random.nextInt(workers.size());
            workers.get(i).cancel();
            Task<Void> t = createTask(busy(lock));
            workers.set(i, t);
            all.add(t);
        }
        for (Task<Void> t : workers) {
            t.cancel();
        }
        await(gather(true, all.toArray(new Task<?>[0])));
        for (Task<Void> t : all) {
            assertTrue(t.isCancelled(), () -> t + " " + t.exception());
        }
        assertFalse(lock.isLocked());
        assertEquals(0, lock.waiterCount());
        assertTrue(entries > 800, "entries " + entries);
        return result();
    }

    @Test
    void theLockIsNeverLeakedByRandomCancellations() {
        loop.runUntilComplete(randomCancellations());
    }
}
