package org.awaitj.sync;

import org.awaitj.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CancellationException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BarrierTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    private static double now() {
        return getRunningLoop().time();
    }

    @Async
    Coroutine<Integer> arrive(Barrier barrier, String name, double after) {
        if (after >= 0) {
            await(sleep(after));
        }
        try {
            int index = await(barrier.waitAsync());
            log.add(name + " passed as " + index + " at " + now());
            return result(index);
        } catch (BrokenBarrierException e) {
            log.add(name + " broken at " + now() + ": " + e.getMessage());
            return result(-1);
        } catch (CancellationException e) {
            log.add(name + " cancelled at " + now());
            throw e;
        }
    }

    @Async
    Coroutine<Void> threeParties() {
        Barrier barrier = new Barrier(3);
        assertEquals(3, barrier.parties());
        Task<Integer> a = createTask(arrive(barrier, "a", 2));
        Task<Integer> b = createTask(arrive(barrier, "b", 1));
        Task<Integer> c = createTask(arrive(barrier, "c", 3));
        await(sleep(2.5));
        assertEquals(2, barrier.nWaiting());
        List<Integer> indices = await(gather(a, b, c));
        assertEquals(List.of(1, 0, 2), indices);
        assertEquals(0, barrier.nWaiting());
        assertEquals(0, barrier.waiterCount());
        assertFalse(barrier.isBroken());
        return result();
    }

    @Test
    void everyoneGoesOnWhenTheLastArrivesWithTheirArrivalIndex() {
        loop.runUntilComplete(threeParties());
        assertEquals(List.of("c passed as 2 at 3.0", "b passed as 0 at 3.0", "a passed as 1 at 3.0"), log);
    }

    @Async
    Coroutine<Void> twice(Barrier barrier, String name) throws BrokenBarrierException {
        int first = await(barrier.waitAsync());
        log.add(name + " round 1 as " + first + " at " + now());
        await(sleep(name.equals("a") ? 1 : 2));
        int second = await(barrier.waitAsync());
        log.add(name + " round 2 as " + second + " at " + now());
        return result();
    }

    @Async
    Coroutine<Void> reuse() throws BrokenBarrierException {
        Barrier barrier = new Barrier(2);
        await(gather(twice(barrier, "a"), twice(barrier, "b")));
        return result();
    }

    @Test
    void aBarrierCanBeUsedAgain() throws BrokenBarrierException {
        loop.runUntilComplete(reuse());
        assertEquals(List.of("b round 1 as 1 at 0.0", "a round 1 as 0 at 0.0",
                "b round 2 as 1 at 2.0", "a round 2 as 0 at 2.0"), log);
    }

    @Async
    Coroutine<Void> againAtOnce(Barrier barrier) throws BrokenBarrierException {
        int first = await(barrier.waitAsync());
        log.add("b passed as " + first + ", draining: nWaiting=" + barrier.nWaiting());
        int second = await(barrier.waitAsync());         // the barrier is still draining: b waits for that first
        log.add("b passed again as " + second + " at " + now());
        return result();
    }

    @Async
    Coroutine<Void> arrivalsWhileDrainingWait() throws BrokenBarrierException {
        Barrier barrier = new Barrier(2);
        Task<Integer> a = createTask(arrive(barrier, "a", 0));
        await(sleep(0));
        Task<Void> b = createTask(againAtOnce(barrier));
        await(a);
        assertEquals(1, barrier.nWaiting());            // b, in the new round
        Task<Integer> c = createTask(arrive(barrier, "c", 1));
        await(gather(b, c));
        return result();
    }

    @Test
    void tasksArrivingWhileTheBarrierDrainsWaitForTheNextRound() throws BrokenBarrierException {
        loop.runUntilComplete(arrivalsWhileDrainingWait());
        assertEquals(List.of("b passed as 1, draining: nWaiting=0", "a passed as 0 at 0.0",
                "c passed as 1 at 1.0", "b passed again as 0 at 1.0"), log);
    }

    @Async
    Coroutine<Void> aborting() {
        Barrier barrier = new Barrier(3);
        Task<Integer> a = createTask(arrive(barrier, "a", 0));
        Task<Integer> b = createTask(arrive(barrier, "b", 0));
        await(sleep(1));
        assertEquals(2, barrier.nWaiting());
        barrier.abort();
        assertTrue(barrier.isBroken());
        await(gather(a, b));
        assertEquals(0, barrier.nWaiting());
        await(arrive(barrier, "late", 1));             // a broken barrier refuses newcomers at once
        barrier.reset();                                // ... until reset
        assertFalse(barrier.isBroken());
        List<Integer> again = await(gather(arrive(barrier, "x", 0), arrive(barrier, "y", 0), arrive(barrier, "z", 0)));
        assertEquals(List.of(0, 1, 2), again);
        return result();
    }

    @Test
    void abortBreaksTheBarrierForWaitersAndNewcomersUntilReset() {
        loop.runUntilComplete(aborting());
        assertEquals(List.of("a broken at 1.0: Abort or reset of barrier", "b broken at 1.0: Abort or reset of barrier",
                "late broken at 2.0: Barrier aborted",
                "z passed as 2 at 2.0", "x passed as 0 at 2.0", "y passed as 1 at 2.0"), log);
    }

    @Async
    Coroutine<Void> resetting() {
        Barrier barrier = new Barrier(3);
        Task<Integer> a = createTask(arrive(barrier, "a", 0));
        Task<Integer> b = createTask(arrive(barrier, "b", 0));
        await(sleep(1));
        Task<Integer> c = createTask(arrive(barrier, "c", -1));      // runs first, so arrives while resetting
        barrier.reset();
        assertFalse(barrier.isBroken());
        assertEquals(0, barrier.nWaiting());            // resetting
        await(gather(a, b));
        assertEquals(1, barrier.nWaiting());
        List<Integer> rest = await(gather(c, createTask(arrive(barrier, "d", 1)), createTask(arrive(barrier, "e", 1))));
        assertEquals(List.of(0, 1, 2), rest);
        return result();
    }

    @Test
    void resetSendsTheWaitersABrokenBarrierAndStartsAnew() {
        loop.runUntilComplete(resetting());
        assertEquals(List.of("a broken at 1.0: Abort or reset of barrier", "b broken at 1.0: Abort or reset of barrier",
                "e passed as 2 at 2.0", "c passed as 0 at 2.0", "d passed as 1 at 2.0"), log);
    }

    @Async
    Coroutine<Void> cancelAWaiter() {
        Barrier barrier = new Barrier(2);
        Task<Integer> a = createTask(arrive(barrier, "a", 0));
        await(sleep(1));
        assertEquals(1, barrier.nWaiting());
        a.cancel();
        await(RuntimeTestSupport.outcome(a));
        assertEquals(0, barrier.nWaiting());            // a left
        assertEquals(0, barrier.waiterCount());
        List<Integer> r = await(gather(arrive(barrier, "b", 0), arrive(barrier, "c", 1)));
        assertEquals(List.of(0, 1), r);
        return result();
    }

    @Test
    void aCancelledWaiterLeavesTheBarrier() {
        loop.runUntilComplete(cancelAWaiter());
        assertEquals(List.of("a cancelled at 1.0", "c passed as 1 at 2.0", "b passed as 0 at 2.0"), log);
    }

    @Async
    Coroutine<Void> cancelAfterRelease() {
        Barrier barrier = new Barrier(2);
        Task<Integer> a = createTask(arrive(barrier, "a", -1));
        await(sleep(0));
        await(arrive(barrier, "b", -1));                // releases a ...
        a.cancel();                                     // ... cancelled before it runs: it still leaves
        await(RuntimeTestSupport.outcome(a));
        assertEquals(0, barrier.nWaiting());
        assertEquals(0, barrier.waiterCount());
        List<Integer> next = await(gather(arrive(barrier, "c", -1), arrive(barrier, "d", -1)));
        assertEquals(List.of(0, 1), next);              // the barrier drained and fills anew
        return result();
    }

    @Test
    void aWaiterCancelledAfterTheBarrierOpenedStillLetsItDrain() {
        loop.runUntilComplete(cancelAfterRelease());
        assertEquals(List.of("b passed as 1 at 0.0", "a cancelled at 0.0", "d passed as 1 at 0.0", "c passed as 0 at 0.0"), log);
    }

    @Async
    Coroutine<Void> arriveAndCancel(Barrier barrier) {
        Task<Integer> a = createTask(arrive(barrier, "a", -1));
        await(sleep(0));
        a.cancel();
        await(RuntimeTestSupport.outcome(a));
        return result();
    }

    @Async
    Coroutine<List<Integer>> twoArrive(Barrier barrier) {
        return result(await(gather(arrive(barrier, "b", -1), arrive(barrier, "c", -1))));
    }

    @Test
    void aTaskOfAnotherLoopIsRefusedWithoutCountingItsArrival() {
        Barrier barrier = new Barrier(2);
        loop.runUntilComplete(arriveAndCancel(barrier));      // binds the barrier to this loop
        EventLoop other = EventLoop.withVirtualTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.runUntilComplete(barrier.waitAsync()));
        assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
        assertEquals(0, barrier.nWaiting());                  // the refused task did not arrive
        assertEquals(List.of(0, 1), loop.runUntilComplete(twoArrive(barrier)));
        assertEquals(List.of("a cancelled at 0.0", "c passed as 1 at 0.0", "b passed as 0 at 0.0"), log);
    }

    @Test
    void oneParty() throws BrokenBarrierException {
        Barrier barrier = new Barrier(1);
        assertEquals(0, loop.runUntilComplete(barrier.waitAsync()));
        assertEquals(0, loop.runUntilComplete(barrier.waitAsync()));
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    }
}
