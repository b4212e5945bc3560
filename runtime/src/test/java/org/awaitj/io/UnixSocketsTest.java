package org.awaitj.io;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.createTask;
import static org.awaitj.AsyncIO.openUnixConnection;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.AsyncIO.startUnixServer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.RuntimeTestSupport;
import org.awaitj.Task;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The same streams over Unix domain sockets; the socket file goes with the server. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnixSocketsTest {
    @TempDir
    Path dir;

    @Async
    static Coroutine<List<String>> echoOverAUnixSocket(Path path) throws IOException {
        List<String> facts = new ArrayList<>();
        Server server = await(startUnixServer((r, w) -> StreamSupport.echo(r, w), path));
        facts.add("socket file while serving: " + Files.exists(path) + ", port " + server.port());
        Connection c = await(openUnixConnection(path));
        byte[] payload = StreamSupport.pattern(1024 * 1024);
        Task<Void> sending = createTask(StreamSupport.send(c.writer(), payload, 64 * 1024));   // half-closes at the end
        byte[] back = await(c.reader().read(-1));
        await(sending);
        facts.add("echoed " + back.length + " bytes, intact: " + java.util.Arrays.equals(payload, back));
        await(c.closeAsync());
        server.close();
        await(server.waitClosed());
        facts.add("socket file after close: " + Files.exists(path));
        facts.add("keys left: " + RuntimeTestSupport.selectorKeyCount(AsyncIO.getRunningLoop()));
        return result(facts);
    }

    @Test
    void streamsWorkOverAUnixSocketWhoseFileIsRemovedOnClose() throws Exception {
        assertEquals(List.of("socket file while serving: true, port -1", "echoed 1048576 bytes, intact: true",
                "socket file after close: false", "keys left: 0"), AsyncIO.run(echoOverAUnixSocket(dir.resolve("echo.sock"))));
    }

    @Async
    static Coroutine<String> serveAndClose(Path path) throws IOException {
        Server server = await(startUnixServer((r, w) -> StreamSupport.echo(r, w), path));
        String seen = server.toString();
        server.close();
        await(server.waitClosed());
        return result(seen);
    }

    @Test
    void aSocketFileLeftByADeadServerIsReplaced() throws Exception {
        Path path = dir.resolve("stale.sock");
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(path));      // closing it leaves the file behind
        }
        assertTrue(Files.exists(path));
        assertTrue(AsyncIO.run(serveAndClose(path)).contains("(Unix)"));
        assertTrue(!Files.exists(path));
    }

    @Test
    void anyOtherFileAtThePathIsLeftAloneAndTheBindFails() throws Exception {
        Path path = dir.resolve("data.txt");
        Files.writeString(path, "not a socket");
        BindException e = org.junit.jupiter.api.Assertions.assertThrows(BindException.class,
                () -> AsyncIO.run(serveAndClose(path)));
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        assertEquals("not a socket", Files.readString(path));
    }

    @Async
    static Coroutine<String> closeAfterTheFileWasReplaced(Path path) throws IOException {
        Server server = await(startUnixServer((r, w) -> StreamSupport.echo(r, w), path));
        Files.delete(path);
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(path));   // another server's socket at the same path now
            server.close();
            return result("the other server's file kept: " + Files.exists(path));
        }
    }

    @Test
    void closeRemovesItsOwnSocketFileOnly() throws Exception {
        assertEquals("the other server's file kept: true", AsyncIO.run(closeAfterTheFileWasReplaced(dir.resolve("s.sock"))));
    }

    @Async
    static Coroutine<String> connectToNothing(Path path) throws IOException {
        try {
            await(openUnixConnection(path));
            return result("connected?");
        } catch (ConnectException e) {
            return result(e.getMessage());
        }
    }

    @Test
    void connectingWhereNoServerListensIsAConnectExceptionNamingThePath() throws Exception {
        Path path = dir.resolve("nobody.sock");
        String message = AsyncIO.run(connectToNothing(path));
        assertTrue(message.startsWith("cannot connect to " + path + ": "), message);
    }

    @Async
    static Coroutine<byte[]> line(Path path) throws IOException {
        Server server = await(startUnixServer((r, w) -> StreamSupport.echo(r, w), path));
        try (Connection c = await(openUnixConnection(path))) {
            c.writer().write("unix\n".getBytes(StandardCharsets.US_ASCII));
            return result(await(c.reader().readLine()));
        } finally {
            server.close();
            await(server.waitClosed());
        }
    }

    @Test
    void aRelativePathWorksToo() throws Exception {
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("rel.sock"));
        assertArrayEquals("unix\n".getBytes(StandardCharsets.US_ASCII), AsyncIO.run(line(relative)));
        assertTrue(!Files.exists(relative));
    }
}
