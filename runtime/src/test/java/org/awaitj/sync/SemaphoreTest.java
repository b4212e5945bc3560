package org.awaitj.sync;

import org.awaitj.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@SuppressWarnings("try")     // try (var held = await(x.locked())) { ... } need not mention held
class SemaphoreTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    private static double now() {
        return getRunningLoop().time();
    }

    @Async
    Coroutine<Void> worker(Semaphore sem, String name, double seconds) {
        try (var held = await(sem.locked())) {
            log.add(name + " in at " + now());
            await(sleep(seconds));
        }
        return result();
    }

    @Async
    Coroutine<Void> twoAtATime() {
        Semaphore sem = new Semaphore(2);
        assertFalse(sem.isLocked());
        List<Task<Void>> tasks = new ArrayList<>();
        tasks.add(createTask(worker(sem, "a", 3)));
        tasks.add(createTask(worker(sem, "b", 1)));
        tasks.add(createTask(worker(sem, "c", 1)));
        tasks.add(createTask(worker(sem, "d", 1)));
        tasks.add(createTask(worker(sem, "e", 1)));
        await(sleep(0));
        assertTrue(sem.isLocked());
        assertEquals(0, sem.value());
        assertEquals(3, sem.waiterCount());
        await(gather(tasks));
        assertFalse(sem.isLocked());
        assertEquals(2, sem.value());
        assertEquals(0, sem.waiterCount());
        return result();
    }

    @Test
    void atMostValueHoldersAtOnceServedInArrivalOrder() {
        loop.runUntilComplete(twoAtATime());
        assertEquals(List.of("a in at 0.0", "b in at 0.0", "c in at 1.0", "d in at 2.0", "e in at 3.0"), log);
    }

    @Async
    Coroutine<Void> noBarging() {
        Semaphore sem = new Semaphore(0);
        Task<Void> a = createTask(worker(sem, "a", 1));
        await(sleep(0));
        sem.release();                  // handed to a: the count stays 0 ...
        assertEquals(0, sem.value());
        assertTrue(sem.isLocked());
        await(sem.acquire());           // ... so this queues behind a
        log.add("main in at " + now());
        sem.release();
        await(a);
        assertEquals(1, sem.value());
        return result();
    }

    @Test
    void aReleasedPermitGoesToTheFirstWaiterNotToANewcomer() {
        loop.runUntilComplete(noBarging());
        assertEquals(List.of("a in at 0.0", "main in at 1.0"), log);
    }

    @Async
    Coroutine<Void> cancelAfterHandover() {
        Semaphore sem = new Semaphore(0);
        Task<Void> a = createTask(worker(sem, "a", 1));
        Task<Void> b = createTask(worker(sem, "b", 1));
        await(sleep(0));
        sem.release();                  // handed to a ...
        a.cancel();                     // ... cancelled before it runs: b gets it
        log.add("a " + await(RuntimeTestSupport.outcome(a)));
        await(b);
        assertEquals(1, sem.value());
        assertEquals(0, sem.waiterCount());
        Task<Void> c = createTask(sem.acquire());
        await(sleep(0));
        assertEquals(0, sem.value());
        return result();
    }

    @Test
    void aPermitHandedToACancelledWaiterGoesToTheNext() {
        loop.runUntilComplete(cancelAfterHandover());
        assertEquals(List.of("b in at 0.0", "a cancelled"), log);      // a runs first, and hands over to b
    }

    @Async
    Coroutine<Void> cancelLastAfterHandover() {
        Semaphore sem = new Semaphore(0);
        Task<Void> a = createTask(sem.acquire());
        await(sleep(0));
        sem.release();
        a.cancel();
        log.add("a " + await(RuntimeTestSupport.outcome(a)));
        log.add("value " + sem.value() + " locked " + sem.isLocked());
        return result();
    }

    @Test
    void aPermitHandedToACancelledWaiterComesBackWhenNobodyElseWaits() {
        loop.runUntilComplete(cancelLastAfterHandover());
        assertEquals(List.of("a cancelled", "value 1 locked false"), log);
    }

    @Async
    Coroutine<Void> cancelWhileWaiting() {
        Semaphore sem = new Semaphore(0);
        Task<Void> a = createTask(worker(sem, "a", 1));
        Task<Void> b = createTask(worker(sem, "b", 1));
        await(sleep(0));
        a.cancel();
        sem.release();                  // a's future is cancelled: the permit goes to b at once
        log.add("a " + await(RuntimeTestSupport.outcome(a)));
        await(b);
        assertEquals(1, sem.value());
        return result();
    }

    @Test
    void aWaiterCancelledWhileWaitingTakesNoPermit() {
        loop.runUntilComplete(cancelWhileWaiting());
        assertEquals(List.of("b in at 0.0", "a cancelled"), log);
    }

    @Async
    Coroutine<Void> releaseSeveral() {
        Semaphore sem = new Semaphore(0);
        List<Task<Void>> tasks = new ArrayList<>();
        for (String n : List.of("a", "b", "c")) {
            tasks.add(createTask(worker(sem, n, 1)));
        }
        await(sleep(0));
        sem.release();
        sem.release();
        await(gather(tasks));
        assertEquals(2, sem.value());
        return result();
    }

    @Test
    void eachReleaseWakesOneWaiter() {
        loop.runUntilComplete(releaseSeveral());
        assertEquals(List.of("a in at 0.0", "b in at 0.0", "c in at 1.0"), log);
    }

    @Test
    void aPlainSemaphoreMayBeReleasedPastItsInitialValue() {
        Semaphore sem = new Semaphore(1);
        sem.release();
        assertEquals(2, sem.value());
        assertEquals(1, new Semaphore().value());
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    }

    @Async
    Coroutine<Void> bounded() {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        assertThrows(IllegalStateException.class, sem::release);
        await(sem.acquire());
        await(sem.acquire());
        assertTrue(sem.isLocked());
        sem.release();
        try (var held = await(sem.locked())) {
            assertTrue(sem.isLocked());
        }
        sem.release();
        IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
        assertEquals("BoundedSemaphore released too many times", e.getMessage());
        assertEquals(2, sem.value());
        return result();
    }

    @Test
    void aBoundedSemaphoreRefusesToBeReleasedTooOften() {
        loop.runUntilComplete(bounded());
    }

    @Async
    Coroutine<Void> boundedWithWaiters() {
        BoundedSemaphore sem = new BoundedSemaphore(1);
        await(sem.acquire());
        Task<Void> a = createTask(worker(sem, "a", 1));
        await(sleep(0));
        sem.release();                  // handed to a: not an over-release
        assertEquals(0, sem.value());
        await(a);
        assertEquals(1, sem.value());
        assertThrows(IllegalStateException.class, sem::release);
        return result();
    }

    @Test
    void aBoundedSemaphoreCountsHandedOverPermitsAsHeld() {
        loop.runUntilComplete(boundedWithWaiters());
        assertEquals(List.of("a in at 0.0"), log);
    }

    private final Random random = new Random(7);
    private int inside;
    private int maxInside;
    private int entries;

    @Async
    Coroutine<Void> busy(Semaphore sem) {
        for (;;) {
            try (var held = await(sem.locked())) {
                inside++;
                entries++;
                maxInside = Math.max(maxInside, inside);
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
    Coroutine<Void> randomCancellations(Semaphore sem, int permits) {
        List<Task<Void>> workers = new ArrayList<>();
        List<Task<Void>> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Task<Void> t = createTask(busy(sem));
            workers.add(t);
            all.add(t);
        }
        for (int round = 0; round < 3000; round++) {
            await(sleep(random.nextInt(2) * 0.001));
            int i = random.nextInt(workers.size());
            workers.get(i).cancel();
            Task<Void> t = createTask(busy(sem));
            workers.set(i, t);
            all.add(t);
        }
        for (Task<Void> t : workers) {
            t.cancel();
        }
        await(gather(true, all.toArray(new Task<?>[0])));
        assertEquals(permits, sem.value());
        assertEquals(0, sem.waiterCount());
        assertEquals(0, inside);
        assertEquals(permits, maxInside);
        assertTrue(entries > 800, "entries " + entries);
        return result();
    }

    @Test
    void noPermitIsLostToRandomCancellations() {
        loop.runUntilComplete(randomCancellations(new BoundedSemaphore(3), 3));
    }

    @Test
    void noPermitOfASinglePermitSemaphoreIsLostEither() {
        loop.runUntilComplete(randomCancellations(new Semaphore(1), 1));
    }
}
