package org.awaitj;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.AsyncIO.runCoroutineThreadsafe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.awaitj.annotations.Async;
import org.awaitj.io.Server;
import org.awaitj.io.StreamReader;
import org.awaitj.io.StreamWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LoopGroup.startServer: one address served from every loop, closed with the group. Clients are plain sockets. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LoopGroupServerTest {
    private static final String HOST = "127.0.0.1";

    @Async
    static Coroutine<Void> tellLoop(StreamReader reader, StreamWriter writer) throws IOException {
        writer.write((LoopGroupTest.loopIndex() + "\n").getBytes(StandardCharsets.US_ASCII));
        await(writer.drain());
        writer.close();
        return result();
    }

    /** Connects, and returns the first line the server sends. */
    static String firstLine(int port) throws IOException {
        try (Socket s = new Socket(HOST, port)) {
            s.setSoTimeout(30_000);
            return readLine(s.getInputStream());
        }
    }

    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.length() == 0 ? null : line.toString();
            }
            line.append((char) b);
        }
        return line.toString();
    }

    @Test
    void oneAddressIsServedFromEveryLoop() throws Exception {
        try (LoopGroup group = new LoopGroup(2)) {
            Server server = group.startServer((r, w) -> tellLoop(r, w), HOST, 0);
            Set<String> servedBy = new TreeSet<>();
            for (int i = 0; i < 32; i++) {
                servedBy.add(firstLine(server.port()));     // SO_REUSEPORT: the kernel spreads them by hash
            }
            assertEquals(Set.of("0", "1"), servedBy);
            assertTrue(server.toString().contains("on 2 loops"), server.toString());
            if (System.getProperty("os.name").toLowerCase().contains("linux")) {
                assertTrue(server.toString().contains("SO_REUSEPORT"), server.toString());
            }
            int port = server.port();
            server.close();     // from a thread without a loop: returns once no loop listens any more
            assertThrows(ConnectException.class, () -> new Socket(HOST, port).close());
        }
    }

    @Async
    static Coroutine<Void> echoUntilEof(List<String> log, StreamReader reader, StreamWriter writer) throws IOException {
        try {
            while (true) {
                byte[] data = await(reader.read(1024));
                if (data.length == 0) {
                    break;
                }
                writer.write(data);
                await(writer.drain());
            }
        } finally {
            log.add("handler's finally ran");
            writer.close();
        }
        return result();
    }

    @Test
    void closingTheGroupStopsAcceptingCancelsTheHandlersAndClosesTheirConnections() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        LoopGroup group = new LoopGroup(2);
        Server server = group.startServer((r, w) -> echoUntilEof(log, r, w), HOST, 0);
        int port = server.port();
        try (Socket client = new Socket(HOST, port)) {
            client.setSoTimeout(30_000);
            client.getOutputStream().write("hi\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("hi", readLine(client.getInputStream()));
            group.close();
            assertEquals(-1, client.getInputStream().read(), "the handler was cancelled and its connection closed");
        }
        assertEquals(List.of("handler's finally ran"), log);
        assertTrue(!server.isServing());
        assertThrows(ConnectException.class, () -> new Socket(HOST, port).close());
    }

    @Async
    static Coroutine<Server> startFromALoop(LoopGroup group) throws IOException {
        return result(group.startServer((r, w) -> tellLoop(r, w), HOST, 0));
    }

    @Test
    void startServerOnAnEventLoopIsRefused() throws Exception {
        try (LoopGroup group = new LoopGroup(2)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> runCoroutineThreadsafe(startFromALoop(group), group.loops().get(0)).get(30, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("from a thread that runs no event loop"));
        }
    }

    @Async
    static Coroutine<Void> serve(StreamReader r, StreamWriter w) {
        w.close();
        return result();
    }

    @Async
    static Coroutine<String> whoAmI() {
        return result(Thread.currentThread().getName());
    }

    /** ApiContractNext's everyCore(), run. */
    @Test
    void theContractsEveryCoreExampleRuns() throws Exception {
        try (LoopGroup group = new LoopGroup(2); LoopGroup perCore = new LoopGroup()) {
            Server server = group.startServer((r, w) -> serve(r, w), "127.0.0.1", 0);
            CompletableFuture<String> who = group.submit(whoAmI());
            server.close();
            assertTrue(who.get(30, TimeUnit.SECONDS).startsWith("awaitj-loop-"));
            assertEquals(Runtime.getRuntime().availableProcessors(), perCore.size());
        }
    }
}
