package org.awaitj.io;

import org.awaitj.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.io.StreamSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop's selector: waking it from other threads, sockets on virtual time, closing the loop. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SelectorLoopTest {

    @Async
    Coroutine<String> wokenWhileWatchingASocket() throws IOException {
        Server server = await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0));
        EventLoop loop = getRunningLoop();
        Future<String> f = loop.createFuture();
        Thread other = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            loop.callSoonThreadsafe(() -> f.setResult("woken"));
        });
        other.start();
        String got = await(f);      // the loop blocks in select, with no timer, until the other thread calls
        server.close();
        await(server.waitClosed());
        return result(got);
    }

    @Test
    void callSoonThreadsafeWakesALoopBlockedInTheSelector() throws Exception {
        assertEquals("woken", AsyncIO.run(wokenWhileWatchingASocket()));
    }

    /** Connects with a plain blocking socket from the loop's own thread, in the step that closed the server. */
    @Async
    Coroutine<String> connectRightAfterClose() throws IOException {
        Server server = await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0));
        int port = server.port();
        server.close();
        try (java.net.Socket s = new java.net.Socket(HOST, port)) {
            return result("still listening");
        } catch (java.net.ConnectException e) {
            return result("refused");
        }
    }

    @Test
    void aClosedServerStopsListeningBeforeCloseReturns() throws Exception {
        // the selector keeps a registered channel's socket open until its key leaves it: close() lets it go at once
        assertEquals("refused", AsyncIO.run(connectRightAfterClose()));
    }

    @Async
    Coroutine<List<String>> socketsOnVirtualTime() throws IOException {
        EventLoop loop = getRunningLoop();
        List<String> facts = new ArrayList<>();
        Server server = await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0));
        byte[] back = await(StreamSupport.roundTrip(server.port(), "virtual".getBytes(StandardCharsets.US_ASCII)));
        facts.add(new String(back, StandardCharsets.US_ASCII));
        Connection c = await(openConnection(HOST, server.port()));
        double before = loop.time();
        try {
            await(waitFor(c.reader().read(1), 0.05));     // a channel is watched: time flows for real
        } catch (TimeoutException e) {
            facts.add("timed out after " + (loop.time() - before >= 0.05 ? "at least" : "less than") + " 0.05 s of loop time");
        }
        await(c.closeAsync());
        server.close();
        await(server.waitClosed());
        double beforeJump = loop.time();
        await(sleep(3600));     // nothing watched any more: the clock jumps again
        facts.add("slept " + Math.round(loop.time() - beforeJump) + " s of loop time");
        return result(facts);
    }

    @Test
    void aVirtualTimeLoopServesSocketsAndJumpsOnlyWhenNoChannelIsWatched() throws Exception {
        EventLoop loop = EventLoop.withVirtualTime();
        try {
            assertEquals(List.of("virtual", "timed out after at least 0.05 s of loop time", "slept 3600 s of loop time"),
                    loop.runUntilComplete(socketsOnVirtualTime()));
        } finally {
            loop.close();
        }
    }

    @Async
    Coroutine<Server> leaveAServerOpen() throws IOException {
        return result(await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0)));
    }

    @Test
    void closingTheLoopClosesTheChannelsItStillWatches() throws Exception {
        EventLoop loop = new EventLoop();
        Server server = loop.runUntilComplete(leaveAServerOpen());
        int port = server.port();
        loop.close();
        assertEquals(0, RuntimeTestSupport.selectorKeyCount(loop));
        try (java.net.Socket s = new java.net.Socket(HOST, port)) {
            throw new AssertionError("still listening on " + port);
        } catch (java.net.ConnectException expected) {
            assertTrue(expected.getMessage().toLowerCase().contains("refused"), expected.getMessage());
        }
    }
}
