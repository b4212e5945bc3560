package org.awaitj.io;

import org.awaitj.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.io.StreamSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cancelling a task blocked in a read: the connection stays as it was, and no selector key is left behind. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CancelReadTest {

    private static int keys() {
        return RuntimeTestSupport.selectorKeyCount(getRunningLoop());
    }

    @Async
    Coroutine<List<String>> cancelBlockedReads() throws Exception {
        List<String> facts = new ArrayList<>();
        Server server = await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0));
        Connection c = await(openConnection(HOST, server.port()));
        for (int i = 0; i < 1000 && server.activeConnections() == 0; i++) {
            await(sleep(0.005));    // until the server accepted it
        }
        int open = keys();
        facts.add("keys with the connection open: " + open);      // listener, server side, client side
        for (int i = 0; i < 100; i++) {
            Task<byte[]> reading = createTask(c.reader().read(100));
            await(sleep(0));
            reading.cancel();
            try {
                await(reading);
            } catch (CancellationException expected) {
                // cancelled, as asked
            }
        }
        facts.add("keys after 100 cancelled reads: " + keys());
        try {
            await(waitFor(c.reader().readExactly(1), 0.01));
        } catch (TimeoutException expected) {
            facts.add("a read that timed out closed nothing: " + !c.writer().isClosing());
        }
        c.writer().write("still works\n".getBytes(StandardCharsets.US_ASCII));
        facts.add(new String(await(c.reader().readLine()), StandardCharsets.US_ASCII).trim());
        await(c.closeAsync());
        await(sleep(0.02));
        server.close();
        await(server.waitClosed());
        facts.add("keys once all is closed: " + keys());
        return result(facts);
    }

    @Test
    void cancellingAReadClosesNothingAndLeaksNoKey() throws Exception {
        assertEquals(List.of("keys with the connection open: 3", "keys after 100 cancelled reads: 3",
                "a read that timed out closed nothing: true", "still works", "keys once all is closed: 0"),
                AsyncIO.run(cancelBlockedReads()));
    }

    @Async
    Coroutine<List<String>> cancelConnect() throws IOException {
        List<String> facts = new ArrayList<>();
        // a listener whose backlog we never accept from still completes the TCP handshake in the kernel,
        // so cancel the connect before its first step instead, and while it is pending on another one
        Task<Connection> connecting = createTask(openConnection(HOST, StreamSupport.freePort()));
        connecting.cancel();
        try {
            await(connecting);
        } catch (CancellationException expected) {
            facts.add("cancelled before it ran");
        }
        Server server = await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0));
        Task<Connection> pending = createTask(openConnection(HOST, server.port()));
        await(sleep(0));        // the connect is under way
        pending.cancel();
        try {
            await(pending);
        } catch (CancellationException expected) {
            facts.add("cancelled while connecting");
        }
        await(sleep(0.05));
        server.closeClients();
        server.close();
        await(server.waitClosed());
        facts.add("keys left: " + keys());
        return result(facts);
    }

    @Test
    void cancellingAConnectClosesItsSocket() throws Exception {
        assertEquals(List.of("cancelled before it ran", "cancelled while connecting", "keys left: 0"),
                AsyncIO.run(cancelConnect()));
    }
}
