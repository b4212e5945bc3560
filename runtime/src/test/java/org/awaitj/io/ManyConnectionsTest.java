package org.awaitj.io;

import org.awaitj.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.io.StreamSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A thousand connections open at once on one loop, each served by its own handler task. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ManyConnectionsTest {
    private static final int CONNECTIONS = 1000;

    private int connected;
    private int served;
    private int peak;
    private Future<Void> allConnected;

    /** Counts the handlers started; the last of both sides to arrive lets everyone talk. */
    private void arrived(Server server, boolean client) {
        if (client) {
            connected++;
        } else {
            served++;
        }
        if (connected == CONNECTIONS && served == CONNECTIONS) {
            peak = server.activeConnections();
            allConnected.setResult(null);
        }
    }

    @Async
    Coroutine<Void> countedEcho(Server[] server, StreamReader reader, StreamWriter writer) throws IOException {
        arrived(server[0], false);
        return StreamSupport.echo(reader, writer);
    }

    @Async
    Coroutine<String> client(Server server, int i) throws IOException {
        Connection c = await(openConnection(HOST, server.port()));
        try {
            arrived(server, true);
            await(allConnected);      // every connection is open before any of them talks
            c.writer().write(("hello " + i + "\n").getBytes(StandardCharsets.UTF_8));
            await(c.writer().drain());
            return result(new String(await(c.reader().readLine()), StandardCharsets.UTF_8).trim());
        } finally {
            await(c.closeAsync());
        }
    }

    @Async
    Coroutine<List<String>> thousandClients() throws IOException {
        allConnected = getRunningLoop().createFuture();
        Server[] holder = new Server[1];
        Server server = await(startServer((r, w) -> countedEcho(holder, r, w), HOST, 0));
        holder[0] = server;
        List<Coroutine<String>> clients = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            clients.add(client(server, i));
        }
        List<String> replies = await(gather(clients));
        server.close();
        await(server.waitClosed());
        assertEquals(0, RuntimeTestSupport.selectorKeyCount(getRunningLoop()), "every key went with its channel");
        return result(replies);
    }

    @Test
    void aThousandConcurrentConnectionsEachGetTheirOwnEcho() throws Exception {
        List<String> replies = AsyncIO.run(thousandClients());
        assertEquals(CONNECTIONS, replies.size());
        for (int i = 0; i < CONNECTIONS; i++) {
            assertEquals("hello " + i, replies.get(i));
        }
        assertEquals(CONNECTIONS, peak, "the server had every connection open at once");
    }
}
