package org.awaitj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ContextVar's own semantics (Python's contextvars), on plain threads and in tasks. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ContextVarTest {
    static final ContextVar<String> USER = new ContextVar<>("user");
    static final ContextVar<Integer> DEPTH = new ContextVar<>("depth", 0);

    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    /** Every test runs on a thread of its own, so that no thread-level value outlives it. */
    private static <T> T onFreshThread(java.util.concurrent.Callable<T> body) throws Exception {
        CompletableFuture<T> out = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                out.complete(body.call());
            } catch (Throwable e) {
                out.completeExceptionally(e);
            }
        });
        t.start();
        try {
            return out.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : new RuntimeException(e.getCause());
        }
    }

    @Test
    void anUnsetVariableWithoutDefaultThrowsNoSuchElementAndGetFallbackGivesTheFallback() throws Exception {
        onFreshThread(() -> {
            NoSuchElementException e = assertThrows(NoSuchElementException.class, USER::get);
            assertTrue(e.getMessage().contains("'user'"), e.getMessage());
            assertEquals("nobody", USER.get("nobody"));
            assertEquals(0, DEPTH.get());
            assertEquals(7, DEPTH.get(7), "the fallback wins over the variable's default, as in Python");
            return null;
        });
    }

    @Test
    void setThenResetRestoresTheOldValueOrUnsetAndNullIsAValue() throws Exception {
        onFreshThread(() -> {
            ContextVar.Token<String> first = USER.set("ann");
            assertFalse(first.hadValue());
            ContextVar.Token<String> second = USER.set(null);
            assertTrue(second.hadValue());
            assertEquals("ann", second.oldValue());
            assertNull(USER.get());
            assertNull(USER.get("fallback"), "null is a value, not unset");
            USER.reset(second);
            assertEquals("ann", USER.get());
            USER.reset(first);
            assertEquals("nobody", USER.get("nobody"));
            assertTrue(Context.current().isEmpty(), "every variable reset: the context is empty again");
            return null;
        });
    }

    @Test
    void aTokenResetsOnceAndOnlyItsOwnVariable() throws Exception {
        onFreshThread(() -> {
            ContextVar.Token<String> t = USER.set("ann");
            USER.reset(t);
            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> USER.reset(t));
            assertTrue(twice.getMessage().contains("already been used"), twice.getMessage());
            ContextVar.Token<Integer> depth = DEPTH.set(3);
            @SuppressWarnings({"unchecked", "rawtypes"})
            ContextVar<Object> user = (ContextVar) USER;
            @SuppressWarnings({"unchecked", "rawtypes"})
            ContextVar.Token<Object> other = (ContextVar.Token) depth;
            IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> user.reset(other));
            assertTrue(wrong.getMessage().contains("different ContextVar"), wrong.getMessage());
            assertEquals(3, DEPTH.get(), "the failed reset changed nothing");
            depth.close();
            assertEquals(0, DEPTH.get());
            return null;
        });
    }

    @Test
    void aTokenIsAutoCloseableSoATryBlockBoundsTheSet() throws Exception {
        onFreshThread(() -> {
            try (ContextVar.Token<String> outer = USER.set("ann")) {
                try (ContextVar.Token<String> inner = USER.set("bob")) {
                    assertEquals("bob", USER.get());
                }
                assertEquals("ann", USER.get());
            }
            assertEquals("none", USER.get("none"));
            return null;
        });
    }

    @Test
    void aTokenMadeOnAnotherThreadIsRefused() throws Exception {
        ContextVar.Token<String> elsewhere = onFreshThread(() -> USER.set("ann"));
        onFreshThread(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> USER.reset(elsewhere));
            assertTrue(e.getMessage().contains("different context"), e.getMessage());
            return null;
        });
    }

    @Test
    void eachThreadHasItsOwnContext() throws Exception {
        onFreshThread(() -> {
            USER.set("ann");
            String other = onFreshThread(() -> USER.get("unset there"));
            assertEquals("unset there", other);
            assertEquals("ann", USER.get());
            return null;
        });
    }

    @Test
    void contextCallRunsWithASnapshotAndWhatItSetsLastsUntilItReturns() throws Exception {
        onFreshThread(() -> {
            USER.set("ann");
            Context snapshot = Context.current();
            USER.set("bob");
            String seen = snapshot.call(() -> {
                String before = USER.get();
                USER.set("carl");
                return before + "," + USER.get();
            });
            assertEquals("ann,carl", seen);
            assertEquals("bob", USER.get(), "the thread's own context is back");
            assertEquals("ann", snapshot.call(USER::get), "a snapshot never changes");
            assertEquals(Map.of(USER, "ann"), snapshot.toMap());
            assertTrue(snapshot.contains(USER));
            assertFalse(snapshot.contains(DEPTH));
            assertEquals("<Context user=ann>", snapshot.toString());
            ContextVar.Token<String>[] inside = new ContextVar.Token[1];
            snapshot.run(() -> inside[0] = USER.set("dan"));
            assertThrows(IllegalArgumentException.class, () -> USER.reset(inside[0]),
                    "a token made inside call resets only there");
            return null;
        });
    }

    @Test
    void aVariableCreatedLateStillReadsAsAnArraySlot() throws Exception {
        List<ContextVar<Integer>> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new ContextVar<>("v" + i));
        }
        onFreshThread(() -> {
            ContextVar<Integer> last = many.get(99);
            ContextVar.Token<Integer> t = last.set(99);
            assertEquals(99, last.get());
            assertNull(many.get(98).get(null));
            t.close();
            assertTrue(Context.current().isEmpty());
            return null;
        });
    }

    // ---- in tasks: the contract's example ----

    @Async
    static Coroutine<String> whoAmI() {
        return result(USER.get());
    }

    @Async
    static Coroutine<String> contextual() {
        try (ContextVar.Token<String> t = USER.set("ann")) {
            Task<String> child = createTask(whoAmI());   // sees "ann"
            String seen = await(child);
            USER.reset(USER.set("bob"));
            return result(seen + USER.get() + USER.get("nobody") + DEPTH.get());
        }
    }

    @Async
    Coroutine<String> contractThenAfter() {
        String r = await(contextual());
        return result(r + " then " + USER.get("unset"));
    }

    @Test
    void theContractsExampleSeesAnnEverywhereAndTheBlockResetsIt() {
        assertEquals("annannann0 then unset", loop.runUntilComplete(contractThenAfter()));
    }

    @Async
    Coroutine<Void> tokenFromAnotherTask(ContextVar.Token<String> token) {
        try {
            USER.reset(token);
            log.add("reset");
        } catch (IllegalArgumentException e) {
            log.add("refused");
        }
        return result();
    }

    @Async
    Coroutine<Void> makesATokenForAChild() {
        ContextVar.Token<String> mine = USER.set("ann");
        await(createTask(tokenFromAnotherTask(mine)));
        log.add("parent still " + USER.get());
        USER.reset(mine);
        log.add("parent reset: " + USER.get("unset"));
        return result();
    }

    @Test
    void aTokenResetsOnlyInTheTaskThatMadeIt() {
        loop.runUntilComplete(makesATokenForAChild());
        assertEquals(List.of("refused", "parent still ann", "parent reset: unset"), log);
    }

    @Async
    Coroutine<String> callInsideATask() throws Exception {
        USER.set("ann");
        Context other = Context.current();
        USER.set("bob");
        Task<String> child = other.call(() -> createTask(whoAmI()));
        String inCall = other.call(USER::get);
        return result(await(child) + " " + inCall + " " + USER.get());
    }

    @Test
    void contextCallInsideATaskMakesTasksInThatContextAndGivesTheTaskItsOwnBack() throws Exception {
        assertEquals("ann ann bob", loop.runUntilComplete(callInsideATask()));
    }

    @Test
    void theTaskOfAThreadSeesWhatTheThreadSetAndItsSetsStayInTheTask() throws Exception {
        onFreshThread(() -> {
            USER.set("main thread");
            String seen = loop.runUntilComplete(setsAndReads());
            assertEquals("main thread", seen);
            assertEquals("main thread", USER.get(), "the task's set stayed in the task");
            return null;
        });
    }

    @Async
    static Coroutine<String> setsAndReads() {
        String seen = USER.get();
        USER.set("in task");
        await(sleep(1));
        return result(seen);
    }

    @Test
    void anOrdinaryRunKeepsTheCommonPathFreeOfContexts() {
        Task<String> t = loop.createTask(whoAmIOrNobody());
        assertSame(Context.EMPTY, t.getContext());
        assertEquals("nobody", loop.runUntilComplete(t));
    }

    @Async
    static Coroutine<String> whoAmIOrNobody() {
        return result(USER.get("nobody"));
    }
}
