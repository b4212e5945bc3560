package org.awaitj.sync;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Task;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@code await(lock.acquire())} and {@code await(semaphore.acquire())} that must wait do so in a coroutine the
 * lock keeps for its next wait once it completed, so that tasks taking turns on a lock allocate no coroutine per
 * turn; a coroutine an application holds is never reused.
 */
class ContendedAcquiresReuseTheirCoroutineTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();
    /** The spare coroutines seen after each acquisition, by identity. */
    private final Set<Coroutine<Void>> spares = Collections.newSetFromMap(new IdentityHashMap<>());

    @Async
    Coroutine<Void> takesTurns(Lock lock, String name, int turns) {
        for (int i = 1; i <= turns; i++) {
            await(lock.acquire());
            log.add(name + i + " at " + getRunningLoop().time());
            spares.add(lock.spareAcquire());
            await(sleep(1));
            lock.release();
        }
        return result();
    }

    @Async
    Coroutine<Void> twoTasks(Supplier<Coroutine<Void>> a, Supplier<Coroutine<Void>> b) {
        Task<Void> first = createTask(a.get());
        Task<Void> second = createTask(b.get());
        await(first);
        await(second);
        return result();
    }

    @Test
    void twoTasksTakingTurnsOnALockWaitInTwoCoroutinesInAll() {
        Lock lock = new Lock();
        loop.runUntilComplete(twoTasks(() -> takesTurns(lock, "a", 5), () -> takesTurns(lock, "b", 5)));
        assertEquals(List.of("a1 at 0.0", "b1 at 1.0", "a2 at 2.0", "b2 at 3.0", "a3 at 4.0", "b3 at 5.0", "a4 at 6.0",
                "b4 at 7.0", "a5 at 8.0", "b5 at 9.0"), log);
        spares.remove(null);        // a1 took the free lock: no coroutine yet
        assertEquals(2, spares.size(), "nine waits, each task's in one coroutine: " + spares);
        assertFalse(lock.isLocked());
    }

    @Async
    Coroutine<Void> semaphoreTurns(Semaphore sem, String name, int turns) {
        for (int i = 1; i <= turns; i++) {
            await(sem.acquire());
            log.add(name + i);
            spares.add(sem.spareAcquire());
            await(sleep(1));
            sem.release();
        }
        return result();
    }

    @Test
    void aSemaphoresAndABoundedSemaphoresWaitsToo() {
        for (Semaphore sem : new Semaphore[] {new Semaphore(1), new BoundedSemaphore(1)}) {
            log.clear();
            spares.clear();
            EventLoop.withVirtualTime().runUntilComplete(
                    twoTasks(() -> semaphoreTurns(sem, "a", 3), () -> semaphoreTurns(sem, "b", 3)));
            assertEquals(List.of("a1", "b1", "a2", "b2", "a3", "b3"), log);
            spares.remove(null);
            assertEquals(2, spares.size(), sem + ": " + spares);
            assertEquals(1, sem.value());
        }
    }

    /** A subclass's acquire is its own: none of its waits is kept. */
    static final class CountingSemaphore extends Semaphore {
        int acquires;

        @Override
        public Coroutine<Void> acquire() {
            acquires++;
            return super.acquire();
        }
    }

    @Test
    void aSubclassesWaitsAreNotKept() {
        CountingSemaphore sem = new CountingSemaphore();
        loop.runUntilComplete(twoTasks(() -> semaphoreTurns(sem, "a", 2), () -> semaphoreTurns(sem, "b", 2)));
        assertEquals(List.of("a1", "b1", "a2", "b2"), log);
        assertEquals(4, sem.acquires);
        assertEquals(Collections.singleton(null), spares);
    }

    @Async
    Coroutine<Void> holdsFor(Lock lock, double seconds) {
        await(lock.acquire());
        await(sleep(seconds));
        lock.release();
        return result();
    }

    @Async
    Coroutine<String> awaitsItsOwnAcquire(Lock lock) {
        Task<Void> holder = createTask(holdsFor(lock, 1));
        await(sleep(0));
        Coroutine<Void> mine = lock.acquire();
        await(mine);                    // waits for the holder, in a coroutine this task holds
        assertNotSame(mine, lock.spareAcquire());
        lock.release();
        await(holder);
        String again;
        try {
            await(mine);
            again = "awaited twice";
        } catch (IllegalStateException e) {
            again = e.getMessage().contains("runs once") ? "runs once" : e.getMessage();
        }
        return result("at " + getRunningLoop().time() + ": " + again);
    }

    @Test
    void aCoroutineTheApplicationHoldsIsNeverReused() {
        Lock lock = new Lock();
        assertEquals("at 1.0: runs once", loop.runUntilComplete(awaitsItsOwnAcquire(lock)));
        assertNull(lock.spareAcquire());
    }

    @Async
    Coroutine<String> cancelledWhileWaiting(Lock lock) {
        Task<Void> holder = createTask(holdsFor(lock, 1));
        await(sleep(0));
        Task<Void> cancelled = createTask(holdsFor(lock, 1));
        await(sleep(0));
        Coroutine<Void> sparedBefore = lock.spareAcquire();
        cancelled.cancel();
        await(holder);
        await(holdsFor(lock, 1));      // the lock still works
        return result(sparedBefore + " " + cancelled.isCancelled() + " at " + getRunningLoop().time());
    }

    @Test
    void aWaitCancelledMidwayLeavesTheLockFreeAndItsCoroutineUnkept() {
        Lock lock = new Lock();
        assertEquals("null true at 2.0", loop.runUntilComplete(cancelledWhileWaiting(lock)));
        assertNull(lock.spareAcquire(), "the cancelled wait's coroutine did not complete: it is not kept");
        assertFalse(lock.isLocked());
        assertEquals(0, lock.waiterCount());
    }
}
