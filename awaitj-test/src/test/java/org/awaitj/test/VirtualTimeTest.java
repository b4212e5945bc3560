package org.awaitj.test;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.AsyncIO.runInExecutor;
import static org.awaitj.AsyncIO.sleep;
import static org.awaitj.AsyncIO.toThread;
import static org.awaitj.AsyncIO.waitFor;
import static org.awaitj.test.AsyncTesting.runTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpServer;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;
import org.awaitj.internal.TestingAccess;

/**
 * Virtual time jumps over timers, but never while the loop waits on work elsewhere: that work is waited for in real
 * time, up to the next timer.
 */
class VirtualTimeTest {
    @AsyncTest
    void anHourOfSleepTakesNoTime() {
        runTest(this::anHourOfSleepTakesNoTime);
    }

    @Async
    Coroutine<Void> anHourOfSleepTakesNoTime(TestLoop loop) {
        await(sleep(5));
        assertEquals(5.0, loop.time());
        await(sleep(3600));
        assertEquals(3605.0, loop.time());
        return result();
    }

    @AsyncTest
    void aThreadIsWaitedForRatherThanTimedOutByAJump() {
        int value = runTest(this::aThreadIsWaitedForRatherThanTimedOutByAJump);
        assertEquals(1, value);
    }

    /** Before: the clock jumped to the timeout at once, and waitFor threw at loop time 5.0. */
    @Async
    Coroutine<Integer> aThreadIsWaitedForRatherThanTimedOutByAJump(TestLoop loop) throws TimeoutException {
        int v = await(waitFor(toThread(() -> {
            Thread.sleep(100);
            return 1;
        }), 5.0));
        assertTrue(loop.time() < 5.0, "the loop's time went on to " + loop.time());
        return result(v);
    }

    @AsyncTest
    void anHttpFetchFromALocalServerIsWaitedFor() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertEquals("hello", runTest(loop -> fetchWithin(uri, 5.0)));
        } finally {
            server.stop(0);
        }
    }

    /** Before: HttpClient's future counted for nothing, so the clock jumped to the timeout. */
    @Async
    Coroutine<String> fetchWithin(URI uri, double seconds) throws TimeoutException {
        return result(await(waitFor(fetch(uri), seconds)));
    }

    @Async
    Coroutine<String> fetch(URI uri) {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> response = await(client.sendAsync(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()));
        return result(response.body());
    }

    @AsyncTest(watchdog = 10)
    void aWaitForWorkElsewhereThatTimesOutLetsTheClockJumpAgain() {
        runTest(this::aWaitForWorkElsewhereThatTimesOutLetsTheClockJumpAgain);
    }

    @Async
    Coroutine<Void> aWaitForWorkElsewhereThatTimesOutLetsTheClockJumpAgain(TestLoop loop) {
        CompletableFuture<String> nobodyCompletes = new CompletableFuture<>();
        try {
            await(waitFor(awaitStage(nobodyCompletes), 0.05));
            fail("nobody completes the future");
        } catch (TimeoutException expected) {
            // the wait was cancelled, and the future with it
        }
        assertFalse(TestingAccess.get().waitsOnWorkElsewhere(loop.loop()));
        double before = loop.time();
        await(sleep(3600));     // a leaked count would make this an hour of real time, past the watchdog
        assertEquals(before + 3600, loop.time());
        return result();
    }

    @Async
    Coroutine<String> awaitStage(CompletionStage<String> stage) {
        return result(await(stage));
    }

    @AsyncTest
    void workAnExecutorRejectsIsNotWaitedFor() {
        runTest(this::workAnExecutorRejectsIsNotWaitedFor);
    }

    @Async
    Coroutine<Void> workAnExecutorRejectsIsNotWaitedFor(TestLoop loop) {
        assertThrows(RejectedExecutionException.class, () -> runInExecutor(r -> {
            throw new RejectedExecutionException("full");
        }, () -> 1));
        assertFalse(TestingAccess.get().waitsOnWorkElsewhere(loop.loop()));
        await(sleep(60));
        assertEquals(60.0, loop.time());
        return result();
    }
}
