package org.awaitj;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FutureTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    private void runUntilIdle() {
        loop.callLater(1000, loop::stop);
        loop.runForever();
    }

    @Test
    void resultBeforeDoneIsAnError() {
        Future<String> f = loop.createFuture();
        assertFalse(f.isDone());
        assertThrows(IllegalStateException.class, f::result);
        assertThrows(IllegalStateException.class, f::exception);
    }

    @Test
    void resultRethrowsTheExceptionUnchanged() {
        Future<String> f = loop.createFuture();
        IOException e = new IOException("disk");
        f.setException(e);
        assertSame(e, assertThrows(IOException.class, f::result));
        assertSame(e, f.exception());
    }

    @Test
    void aFutureCompletesOnce() {
        Future<String> f = loop.createFuture();
        f.setResult("a");
        assertThrows(IllegalStateException.class, () -> f.setResult("b"));
        assertFalse(f.cancel());
        assertEquals("a", f.result());
    }

    @Test
    void cancellingCarriesTheMessage() {
        Future<String> f = loop.createFuture();
        assertTrue(f.cancel("no longer needed"));
        assertTrue(f.isCancelled());
        assertTrue(f.isDone());
        assertEquals("no longer needed", assertThrows(CancellationException.class, f::result).getMessage());
    }

    @Test
    void doneCallbacksRunThroughTheReadyQueueNeverInline() {
        Future<String> f = loop.createFuture();
        f.addDoneCallback(x -> log.add("callback saw " + x.result()));
        f.setResult("v");
        log.add("after setResult");
        runUntilIdle();
        assertEquals(List.of("after setResult", "callback saw v"), log);
    }

    @Test
    void aCallbackAddedToADoneFutureStillRunsLater() {
        Future<String> f = loop.createFuture();
        f.setResult("v");
        f.addDoneCallback(x -> log.add("late callback"));
        log.add("added");
        runUntilIdle();
        assertEquals(List.of("added", "late callback"), log);
    }

    /**
     * How a future ended is kept where its callbacks were: each ending, reached with none, one or several
     * callbacks waiting, survives late callbacks and removals.
     */
    @Test
    void eachEndingSurvivesLateCallbacksAndRemovals() {
        for (int waiting = 0; waiting <= 2; waiting++) {
            for (String ending : List.of("null result", "value", "exception", "cancel")) {
                Future<String> f = loop.createFuture();
                Consumer<Future<String>> cb = x -> log.add("early");
                for (int i = 0; i < waiting; i++) {
                    f.addDoneCallback(cb);
                }
                assertFalse(f.isDone(), ending);
                switch (ending) {
                    case "null result" -> f.setResult(null);
                    case "value" -> f.setResult("v");
                    case "exception" -> f.setException(new IOException("disk"));
                    default -> f.cancel("stop");
                }
                assertEquals(0, f.removeDoneCallback(cb), "callbacks of a done future are gone: " + ending);
                f.addDoneCallback(x -> log.add("late"));
                runUntilIdle();
                assertEquals(waiting, log.stream().filter("early"::equals).count(), ending);
                assertEquals(List.of("late"), log.stream().filter("late"::equals).toList(), ending);
                log.clear();
                assertTrue(f.isDone(), ending);
                assertEquals(ending.equals("cancel"), f.isCancelled(), ending);
                switch (ending) {
                    case "null result" -> assertEquals(null, f.result());
                    case "value" -> assertEquals("v", f.result());
                    case "exception" -> assertEquals("disk", f.exception().getMessage());
                    default -> assertEquals("stop", assertThrows(CancellationException.class, f::result).getMessage());
                }
                assertThrows(IllegalStateException.class, () -> f.setResult("again"), ending);
                assertFalse(f.cancel(), ending);
            }
        }
    }

    @Test
    void removedCallbacksDoNotRun() {
        Future<String> f = loop.createFuture();
        Consumer<Future<String>> cb = x -> log.add("removed");
        f.addDoneCallback(cb);
        f.addDoneCallback(cb);
        f.addDoneCallback(x -> log.add("kept"));
        assertEquals(2, f.removeDoneCallback(cb));
        f.setResult("v");
        runUntilIdle();
        assertEquals(List.of("kept"), log);
    }

    @Test
    void theCompletableFutureViewFollowsTheFuture() throws Exception {
        Future<String> ok = loop.createFuture();
        CompletableFuture<String> okView = ok.toCompletableFuture();
        Future<String> failed = loop.createFuture();
        CompletableFuture<String> failedView = failed.toCompletableFuture();
        loop.callSoon(() -> ok.setResult("v"));
        loop.callSoon(() -> failed.setException(new IOException("x")));
        runUntilIdle();
        assertEquals("v", okView.get());
        assertEquals(IOException.class, assertThrows(ExecutionException.class, failedView::get).getCause().getClass());
    }

    @Test
    void cancellingTheViewCancelsTheFuture() {
        Future<String> f = loop.createFuture();
        f.toCompletableFuture().cancel(true);
        runUntilIdle();
        assertTrue(f.isCancelled());
    }
}
