package org.awaitj.io;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.openConnection;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.AsyncIO.runCoroutineThreadsafe;
import static org.awaitj.io.StreamSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.LoopGroup;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server of a LoopGroup with one acceptor handing connections round-robin to the loops (what it does
 * where the kernel does not balance SO_REUSEPORT), used from threads without a loop and from the loops.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GroupServerTest {

    static String loopIndex() {
        String name = Thread.currentThread().getName();
        return name.substring(name.lastIndexOf('-') + 1);
    }

    /** Tells which loop serves the connection, then echoes until EOF. */
    @Async
    static Coroutine<Void> tellThenEcho(StreamReader reader, StreamWriter writer) throws IOException {
        writer.write((loopIndex() + "\n").getBytes(StandardCharsets.US_ASCII));
        return StreamSupport.echo(reader, writer);
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket(HOST, port);
        s.setSoTimeout(30_000);
        return s;
    }

    static String readLine(Socket s) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = s.getInputStream().read(); b != '\n' && b >= 0; b = s.getInputStream().read()) {
            line.append((char) b);
        }
        return line.toString();
    }

    @Async
    static Coroutine<String> serveForeverThenWaitClosed(Server server) throws IOException {
        await(server.serveForever());
        await(server.waitClosed());
        return result("served forever, then closed, on loop " + loopIndex());
    }

    @Test
    void theAcceptorHandsConnectionsRoundRobinAndTheServerIsUsableFromAnyThread() throws Exception {
        try (LoopGroup group = new LoopGroup(2)) {
            Server server = GroupServer.start(group.loops(), (r, w) -> tellThenEcho(r, w), HOST, 0, null, false);
            assertTrue(server.toString().contains("one acceptor handing connections round-robin"), server.toString());
            CompletableFuture<String> serving = runCoroutineThreadsafe(serveForeverThenWaitClosed(server), group.loops().get(1));
            List<String> servedBy = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                try (Socket s = connect(server.port())) {
                    servedBy.add(readLine(s));
                }
            }
            assertEquals(List.of("0", "1", "0", "1"), servedBy);
            for (int i = 0; i < 3000 && server.activeConnections() > 0; i++) {
                Thread.sleep(10);       // the loops see those clients' EOF in their own time
            }

            try (Socket a = connect(server.port()); Socket b = connect(server.port())) {
                assertEquals("0", readLine(a));
                assertEquals("1", readLine(b));
                assertEquals(2, server.activeConnections());
                server.closeClients();      // from this thread: each loop closes its own
                assertEquals(-1, a.getInputStream().read());
                assertEquals(-1, b.getInputStream().read());
            }
            assertFalse(serving.isDone());
            server.close();
            assertFalse(server.isServing());
            assertThrows(ConnectException.class, () -> connect(server.port()).close());
            assertEquals("served forever, then closed, on loop 1", serving.get(30, TimeUnit.SECONDS));
            assertEquals(0, server.activeConnections());
        }
    }

    @Async
    static Coroutine<String> askOverTls(int port, javax.net.ssl.SSLContext ssl) throws IOException {
        try (Connection c = await(openConnection(HOST, port, ssl))) {
            return result(new String(await(c.reader().readLine()), StandardCharsets.US_ASCII).trim());
        }
    }

    @Test
    void aGroupServesTlsFromEveryLoop(@TempDir Path dir) throws Exception {
        TestTls tls = TestTls.make(dir);
        try (LoopGroup group = new LoopGroup(2)) {
            Server server = group.startServer((r, w) -> tellThenEcho(r, w), HOST, 0, tls.server);
            assertTrue(server.toString().contains(" TLS "), server.toString());
            String servedBy = AsyncIO.run(askOverTls(server.port(), tls.client));
            assertTrue(servedBy.equals("0") || servedBy.equals("1"), servedBy);
        }
    }
}
