package org.awaitj;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwaitTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    @Async
    Coroutine<String> logged(String name) {
        log.add("ran " + name);
        return result(name);
    }

    @Async
    Coroutine<String> failing(Exception e) throws Exception {
        await(sleep(0));
        throw e;
    }

    @Async
    Coroutine<Exception> catching(Exception e) {
        try {
            await(failing(e));
            return result(null);
        } catch (Exception caught) {
            return result(caught);
        }
    }

    @Async
    Coroutine<String> awaitTwice(Coroutine<String> c) {
        await(c);
        return result(await(c));
    }

    @Async
    Coroutine<String> awaitStage(CompletableFuture<String> stage) {
        return result(await(stage) + "!");
    }

    @Async
    Coroutine<String> returnsAnotherCoroutine() {
        return logged("delegate");
    }

    @Test
    void callingAnAsyncMethodRunsNoneOfItsBody() {
        Coroutine<String> c = logged("x");
        assertEquals(List.of(), log);
        assertEquals("x", loop.runUntilComplete(c));
        assertEquals(List.of("ran x"), log);
    }

    @Test
    void checkedExceptionsPassThroughAwaitUnchanged() {
        IOException e = new IOException("disk full");
        assertSame(e, loop.runUntilComplete(catching(e)));
    }

    @Test
    void aCoroutineIsAwaitedOnce() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(awaitTwice(logged("once"))));
        assertTrue(e.getMessage().contains("AwaitTest.logged"), e.getMessage());
        assertTrue(e.getMessage().contains("runs once"), e.getMessage());
    }

    @Test
    void aCompletionStageCompletedOnAnotherThreadResumesTheCoroutine() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        new Thread(() -> stage.complete("from a thread")).start();
        assertEquals("from a thread!", new EventLoop().runUntilComplete(awaitStage(stage)));
    }

    @Test
    void aFailedCompletionStageThrowsItsCauseUnchanged() {
        IOException e = new IOException("remote");
        assertSame(e, assertThrows(IOException.class,
                () -> loop.runUntilComplete(awaitStage(CompletableFuture.failedFuture(e)))));
    }

    @Test
    void returningAnotherCoroutineCompletesWithItsResult() {
        assertEquals("delegate", loop.runUntilComplete(returnsAnotherCoroutine()));
    }

    static String notAsync() {
        return AsyncIO.await(CompletableFuture.completedFuture("x"));
    }

    @Test
    void awaitOutsideAnAsyncMethodSaysWhatToDo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, AwaitTest::notAsync);
        assertTrue(e.getMessage().contains("@Async"), e.getMessage());
    }
}
