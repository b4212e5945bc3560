package org.awaitj.sync;

import org.awaitj.*;

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
class ConditionTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();
    private int items;

    private static double now() {
        return getRunningLoop().time();
    }

    @Async
    Coroutine<Void> waiter(Condition cond, String name) {
        try (var held = await(cond.locked())) {
            log.add(name + " waits");
            await(cond.waitAsync());
            log.add(name + " woke at " + now() + ", locked=" + cond.isLocked());
        }
        return result();
    }

    @Async
    Coroutine<Void> signalling() {
        Condition cond = new Condition();
        List<Task<Void>> tasks = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d", "e")) {
            tasks.add(createTask(waiter(cond, name)));
        }
        await(sleep(1));
        assertFalse(cond.isLocked());                       // every waiter released the lock
        assertEquals(5, cond.waiterCount());
        await(cond.acquire());
        cond.signal();
        log.add("signalled one");
        await(sleep(1));
        log.add("main releases");                           // the woken waiter needs the lock back first
        cond.release();
        await(sleep(1));
        try (var held = await(cond.locked())) {
            cond.signal(2);
        }
        await(sleep(1));
        try (var held = await(cond.locked())) {
            cond.signalAll();
        }
        await(gather(tasks));
        assertEquals(0, cond.waiterCount());
        assertFalse(cond.isLocked());
        return result();
    }

    @Test
    void signalWakesWaitersFirstComeFirstAndTheyReacquireTheLock() {
        loop.runUntilComplete(signalling());
        assertEquals(List.of("a waits", "b waits", "c waits", "d waits", "e waits",
                "signalled one", "main releases", "a woke at 2.0, locked=true",
                "b woke at 3.0, locked=true", "c woke at 3.0, locked=true",
                "d woke at 4.0, locked=true", "e woke at 4.0, locked=true"), log);
    }

    @Async
    Coroutine<Void> waitWithoutTheLock(Condition cond) {
        await(cond.waitAsync());
        return result();
    }

    @Test
    void waitingOrSignallingWithoutTheLockIsAnError() {
        Condition cond = new Condition();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(waitWithoutTheLock(cond)));
        assertEquals("cannot wait on un-acquired lock", e.getMessage());
        assertThrows(IllegalStateException.class, cond::signal);
        assertThrows(IllegalStateException.class, () -> cond.signal(3));
        assertThrows(IllegalStateException.class, cond::signalAll);
        assertThrows(IllegalStateException.class, cond::release);
    }

    @Async
    Coroutine<Void> consumer(Condition cond, String name) {
        try (var held = await(cond.locked())) {
            await(cond.waitForAsync(() -> items > 0));
            items--;
            log.add(name + " took one at " + now());
        }
        return result();
    }

    @Async
    Coroutine<Void> waitFor() {
        Condition cond = new Condition(new Lock());
        Task<Void> a = createTask(consumer(cond, "a"));
        Task<Void> b = createTask(consumer(cond, "b"));
        await(sleep(1));
        try (var held = await(cond.locked())) {
            cond.signalAll();                   // spurious: the predicate is still false
        }
        await(sleep(1));
        try (var held = await(cond.locked())) {
            items = 1;
            cond.signalAll();                   // both wake; the first takes the item, the second waits again
        }
        await(sleep(1));
        assertEquals(1, cond.waiterCount());
        try (var held = await(cond.locked())) {
            items = 1;
            cond.signal();
        }
        await(gather(a, b));
        items = 3;
        try (var held = await(cond.locked())) {
            await(cond.waitForAsync(() -> items > 0));     // true at once: no waiting
            log.add("main passed at " + now());
        }
        return result();
    }

    @Test
    void waitForRechecksThePredicateAfterEachWakeUp() {
        loop.runUntilComplete(waitFor());
        assertEquals(List.of("a took one at 2.0", "b took one at 3.0", "main passed at 3.0"), log);
    }

    @Async
    Coroutine<Void> cancellableWaiter(Condition cond, String name) {
        try (var held = await(cond.locked())) {
            try {
                await(cond.waitAsync());
                log.add(name + " woke at " + now() + ", locked=" + cond.isLocked());
            } catch (CancellationException e) {
                log.add(name + " cancelled at " + now() + ", locked=" + cond.isLocked());
                throw e;
            }
        }
        return result();
    }

    @Async
    Coroutine<Void> cancelWhileWaiting() {
        Condition cond = new Condition();
        Task<Void> a = createTask(cancellableWaiter(cond, "a"));
        await(sleep(1));
        await(cond.acquire());
        a.cancel();
        await(sleep(1));
        log.add("main releases at " + now());
        cond.release();
        log.add("a " + await(RuntimeTestSupport.outcome(a)));
        assertFalse(cond.isLocked());
        assertEquals(0, cond.waiterCount());
        return result();
    }

    @Test
    void aCancelledWaiterReacquiresTheLockBeforeTheCancellationReachesIt() {
        loop.runUntilComplete(cancelWhileWaiting());
        assertEquals(List.of("main releases at 2.0", "a cancelled at 2.0, locked=true", "a cancelled"), log);
    }

    @Async
    Coroutine<Void> cancelWhileReacquiring() {
        Condition cond = new Condition();
        Task<Void> a = createTask(cancellableWaiter(cond, "a"));
        await(sleep(1));
        await(cond.acquire());
        cond.signal();
        await(sleep(1));        // a woke and waits for the lock ...
        a.cancel();             // ... and is cancelled there: it must still get the lock
        await(sleep(1));
        log.add("main releases at " + now());
        cond.release();
        log.add("a " + await(RuntimeTestSupport.outcome(a)));
        assertFalse(cond.isLocked());
        return result();
    }

    @Test
    void aWaiterCancelledWhileReacquiringStillReacquires() {
        loop.runUntilComplete(cancelWhileReacquiring());
        assertEquals(List.of("main releases at 3.0", "a cancelled at 3.0, locked=true", "a cancelled"), log);
    }

    @Async
    Coroutine<Void> signalledThenCancelled() {
        Condition cond = new Condition();
        Task<Void> a = createTask(cancellableWaiter(cond, "a"));
        Task<Void> b = createTask(cancellableWaiter(cond, "b"));
        await(sleep(1));
        await(cond.acquire());
        cond.signal();          // for a ...
        a.cancel();             // ... which is cancelled before it runs: the signal passes to b
        cond.release();
        await(gather(true, a, b));
        assertTrue(a.isCancelled());
        assertFalse(b.isCancelled());
        return result();
    }

    @Test
    void aSignalForACancelledWaiterPassesToTheNext() {
        loop.runUntilComplete(signalledThenCancelled());
        assertEquals(List.of("a cancelled at 1.0, locked=true", "b woke at 1.0, locked=true"), log);
    }

    @Async
    Coroutine<Void> sharedLock() {
        Lock lock = new Lock();
        Condition c1 = new Condition(lock);
        Condition c2 = new Condition(lock);
        Task<Void> a = createTask(waiter(c1, "a"));
        Task<Void> b = createTask(waiter(c2, "b"));
        await(sleep(1));
        await(lock.acquire());
        assertTrue(c1.isLocked() && c2.isLocked());
        c2.signal();
        lock.release();
        await(b);
        assertFalse(a.isDone());
        try (var held = await(c1.locked())) {
            c1.signal();
        }
        await(a);
        return result();
    }

    @Test
    void conditionsCanShareALock() {
        loop.runUntilComplete(sharedLock());
        assertEquals(List.of("a waits", "b waits", "b woke at 1.0, locked=true", "a woke at 1.0, locked=true"), log);
    }

    private final Random random = new Random(3);
    private int taken;

    @Async
    Coroutine<Void> taker(Condition cond) {
        for (;;) {
            try (var held = await(cond.locked())) {
                await(cond.waitForAsync(() -> items > 0));
                items--;
                taken++;
            }
            if (random.nextBoolean()) {
                await(sleep(0));
            }
        }
    }

    @Async
    Coroutine<Void> randomCancellations() {
        Condition cond = new Condition();
        List<Task<Void>> takers = new ArrayList<>();
        List<Task<Void>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Task<Void> t = createTask(taker(cond));
            takers.add(t);
            all.add(t);
        }
        int produced = 0;
        for (int round = 0; round < 3000; round++) {
            await(sleep(random.nextInt(2) * 0.001));
            try (var held = await(cond.locked())) {
                int n = random.nextInt(3);
                items += n;
                produced += n;
                if (random.nextBoolean()) {
                    cond.signal(n);
                } else {
                    cond.signalAll();
                }
            }
            if (random.nextInt(3) == 0) {
                int i = random.nextInt(takers.size());
                takers.get(i).cancel();
                Task<Void> t = createTask(taker(cond));
                takers.set(i, t);
                all.add(t);
            }
        }
        for (int i = 0; i < 1000 && items > 0; i++) {
            await(sleep(0.001));
        }
        assertEquals(0, items);                         // every item was taken: no signal got lost
        for (Task<Void> t : takers) {
            t.cancel();
        }
        await(gather(true, all.toArray(new Task<?>[0])));
        for (Task<Void> t : all) {
            assertTrue(t.isCancelled(), () -> t + " " + t.exception());
        }
        assertEquals(produced, taken);
        assertFalse(cond.isLocked());
        assertEquals(0, cond.waiterCount());
        return result();
    }

    @Test
    void noSignalNorLockIsLostToRandomCancellations() {
        loop.runUntilComplete(randomCancellations());
    }
}
