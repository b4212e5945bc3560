package org.awaitj;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A task keeps no field for its root coroutine, what it awaits, its cancellation message or (once it has side
 * state) its context: each lives where something else already is. What a user sees of them must not change.
 */
class ATaskKeepsWhatItWasMadeOfTest {
    static final ContextVar<String> USER = new ContextVar<>("user");

    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<Object> seen = new ArrayList<>();

    @Async
    Coroutine<String> leaf(Future<String> gate) {
        return result(await(gate) + "!");
    }

    @Async
    Coroutine<Void> pause() {
        await(sleep(0));
        return result(null);
    }

    @Async
    Coroutine<String> middle(Future<String> gate) {
        await(pause());     // a callee that suspended and completed: the task's last suspension point is stale now
        seen.add(currentTask().getCoroutine());
        return result(await(leaf(gate)));
    }

    @Async
    Coroutine<String> root(Future<String> gate) {
        return result(await(middle(gate)));
    }

    @Async
    Coroutine<String> delegating(Future<String> gate) {
        return leaf(gate);
    }

    @Async
    Coroutine<String> sleeper() {
        await(sleep(10));
        return result("slept");
    }

    @Async
    Coroutine<String> cancelsItselfThenAwaits() {
        currentTask().cancel("self, at " + getRunningLoop().time());
        await(sleep(0));
        return result("not cancelled");
    }

    @Async
    Coroutine<String> withUser(String who) {
        USER.set(who);
        await(sleep(1));
        return result(USER.get() + " in " + currentTask().getName());
    }

    @Async
    Coroutine<Void> main(Runnable check) {
        check.run();
        return result(null);
    }

    @Test
    void getCoroutineIsTheRootBeforeDuringAndAfterTheTask() {
        Future<String> gate = loop.createFuture();
        Coroutine<String> c = root(gate);
        Task<String> t = loop.createTask(c);
        assertSame(c, t.getCoroutine(), "before its first step");
        loop.runUntilComplete(sleep(1));
        assertSame(c, t.getCoroutine(), "suspended three coroutines deep");
        assertEquals(List.of(c), seen, "from inside, after a callee completed");
        assertTrue(t.awaiting() == gate, "what it awaits: " + t.awaiting());
        gate.setResult("done");
        assertEquals("done!", loop.runUntilComplete(t));
        assertSame(c, t.getCoroutine(), "once done");
        assertNull(t.awaiting(), "a done task awaits nothing, though its result sits where its wait was");
    }

    @Test
    void getCoroutineIsTheOneTheTaskWasMadeOfWhenItReturnsAnotherInItsPlace() {
        Future<String> gate = loop.createFuture();
        Coroutine<String> c = delegating(gate);
        Task<String> t = loop.createTask(c);
        loop.runUntilComplete(sleep(1));
        assertSame(c, t.getCoroutine(), "while the coroutine it returned is suspended");
        gate.setResult("other");
        assertEquals("other!", loop.runUntilComplete(t));
        assertSame(c, t.getCoroutine(), "once done");
        assertTrue(t.toString().contains("delegating"), t.toString());
    }

    @Test
    void aCancelledSleepEndsAtOnceWithTheMessage() {
        Task<String> t = loop.createTask(sleeper());
        loop.runUntilComplete(sleep(2));
        assertTrue(t.cancel("enough"));
        CancellationException e = assertThrows(CancellationException.class, () -> loop.runUntilComplete(t));
        assertEquals("enough", e.getMessage());
        assertEquals(2.0, loop.time(), "woken at the cancellation, not at the timer");
        assertTrue(t.isCancelled());
    }

    @Test
    void aCancellationRequestedWhileRunningCarriesItsMessageToTheNextAwait() {
        Task<String> t = loop.createTask(cancelsItselfThenAwaits());
        CancellationException e = assertThrows(CancellationException.class, () -> loop.runUntilComplete(t));
        assertEquals("self, at 0.0", e.getMessage());
        assertEquals("self, at 0.0", t.cancelMessage());
    }

    @Test
    void aCancelledFutureKeepsItsMessageAndNoResult() {
        Future<String> f = loop.createFuture();
        assertNull(f.cancelMessage(), "pending");
        assertTrue(f.cancel("why"));
        assertEquals("why", f.cancelMessage());
        assertEquals("why", assertThrows(CancellationException.class, f::result).getMessage());
        assertEquals("<Future cancelled>", f.toString());
        Future<String> done = loop.createFuture();
        done.setResult("value");
        assertNull(done.cancelMessage(), "a result is not a message");
    }

    @Test
    void aNamedTaskKeepsTheContextItSetsAndTheOneItWasGiven() {
        Task<String> named = loop.createTask(withUser("ann"), "worker");
        Task<String> plain = loop.createTask(withUser("bob"));
        assertEquals("ann in worker", loop.runUntilComplete(named));
        assertEquals("bob in " + plain.getName(), loop.runUntilComplete(plain));
        loop.runUntilComplete(main(() -> {
            USER.set("carol");
            Task<String> t = createTask(sleeper(), "inherits");
            assertEquals("carol", t.getContext().toMap().get(USER));
            t.setName("renamed");
            t.cancel("stop");
            t.uncancel();
            assertEquals("carol", t.getContext().toMap().get(USER), "after its side state was made");
            t.cancel();
        }));
    }
}
