package org.awaitj;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * {@link Coroutine#complete} hands back a plain value itself and keeps null and coroutines in the frame: each
 * reaches the awaiter, a task's awaiter and a debug-mode run as the result, and a coroutine as a result is
 * neither run nor taken for a delegate. The hand-written coroutine here is the runtime's {@link ImmediateResult}.
 */
class HandWrittenCoroutineResultsTest {
    private final List<String> log = new ArrayList<>();

    @Async
    Coroutine<String> logged(String s) {
        log.add(s);
        return result(s);
    }

    @Async
    Coroutine<String> awaitsEach() {
        String text = await(new ImmediateResult<String>("text"));
        String nothing = await(new ImmediateResult<String>(null));
        Task<Integer> task = createTask(new ImmediateResult<Integer>(42));
        return result(text + " " + nothing + " " + await(task));
    }

    @Test
    void aValueAndNullReachTheAwaiterAndATasksAwaiter() {
        assertEquals("text null 42", AsyncIO.run(awaitsEach()));
        assertEquals("text null 42", AsyncIO.run(awaitsEach(), true));
    }

    @Async
    Coroutine<String> awaitsACoroutineResult() {
        Coroutine<String> inner = logged("inner");
        Coroutine<String> got = await(new ImmediateResult<Coroutine<String>>(inner));
        assertSame(inner, got);
        log.add("got it, unrun: " + log);
        return result(await(got));
    }

    @Test
    void aCoroutineAsTheResultIsHandedOverUnrun() {
        assertEquals("inner", AsyncIO.run(awaitsACoroutineResult()));
        assertEquals(List.of("got it, unrun: []", "inner"), log);
    }

    @Test
    void aTaskRootCompletingWithNullOrACoroutineHasThatResult() {
        assertNull(AsyncIO.run(new ImmediateResult<String>(null)));
        Coroutine<String> inner = logged("never run");
        assertSame(inner, AsyncIO.run(new ImmediateResult<Coroutine<String>>(inner), true));
        assertEquals(List.of(), log);
    }
}
