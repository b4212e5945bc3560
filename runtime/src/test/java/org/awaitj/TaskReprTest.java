package org.awaitj;

import java.io.IOException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A task describes itself as asyncio's repr does: finished with its result or exception, or cancelled. */
class TaskReprTest {
    @Async
    Coroutine<Integer> answer() {
        await(sleep(0));
        return result(42);
    }

    @Async
    Coroutine<Void> boom() throws IOException {
        await(sleep(0));
        throw new IOException("boom");
    }

    @Async
    Coroutine<String> describeAll() throws IOException {
        Task<Integer> ok = createTask(answer(), "ok");
        Task<Void> failed = createTask(boom(), "failed");
        Task<Integer> cancelled = createTask(answer(), "cancelled");
        String pending = ok.toString();
        cancelled.cancel();
        await(sleep(1));
        failed.exception();
        return result(String.join("\n", pending, ok.toString(), failed.toString(), cancelled.toString()));
    }

    @Test
    void aDoneTaskSaysHowItEnded() throws IOException {
        assertEquals(String.join("\n",
                "<Task pending name='ok' coro=TaskReprTest.answer>",
                "<Task finished name='ok' coro=TaskReprTest.answer result=42>",
                "<Task finished name='failed' coro=TaskReprTest.boom exception=java.io.IOException: boom>",
                "<Task cancelled name='cancelled' coro=TaskReprTest.answer>"), AsyncIO.run(describeAll()));
    }
}
