package org.awaitj.io;

import org.awaitj.*;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.io.StreamSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TCP streams over loopback: echo, the read methods, half-close, refusal, failing handlers. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamsTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Async
    Coroutine<byte[]> echoOnce(int size) throws IOException {
        Server server = await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0));
        try {
            return result(await(StreamSupport.roundTrip(server.port(), StreamSupport.pattern(size))));
        } finally {
            server.close();
            await(server.waitClosed());
        }
    }

    @Test
    void echoOfNothing() throws Exception {
        assertArrayEquals(new byte[0], AsyncIO.run(echoOnce(0)));
    }

    @Test
    void echoOfOneByte() throws Exception {
        assertArrayEquals(StreamSupport.pattern(1), AsyncIO.run(echoOnce(1)));
    }

    @Test
    void echoOfTenMebibytes() throws Exception {
        byte[] back = AsyncIO.run(echoOnce(10 * 1024 * 1024));
        assertEquals(10 * 1024 * 1024, back.length);
        assertArrayEquals(StreamSupport.pattern(10 * 1024 * 1024), back);
    }

    @Async
    Coroutine<Void> talk(StreamReader reader, StreamWriter writer) throws IOException {
        writer.write(bytes("hello\nworld\n"));
        writer.write(bytes("12345678"));
        writer.write(bytes("a--b--"));
        writer.write(bytes("tail"));
        await(writer.drain());
        writer.close();
        return result();
    }

    @Async
    Coroutine<List<String>> readEveryWay() throws IOException {
        Server server = await(startServer((r, w) -> talk(r, w), HOST, 0));
        List<String> got = new ArrayList<>();
        try (Connection c = await(openConnection(HOST, server.port()))) {
            StreamReader r = c.reader();
            got.add(text(await(r.readLine())));
            got.add(text(await(r.readUntil(bytes("\n")))));
            got.add(text(await(r.readExactly(4))));
            got.add(text(await(r.read(4))));
            got.add(text(await(r.readUntil(bytes("--")))));
            got.add(text(await(r.readUntil(bytes("--")))));
            got.add(String.valueOf(r.atEof()));
            try {
                await(r.readExactly(10));
            } catch (IncompleteReadException e) {
                got.add("incomplete: " + text(e.partial()) + " of " + e.expected());
            }
            got.add(String.valueOf(r.atEof()));
            got.add("read at eof: " + await(r.read(10)).length);
            got.add("line at eof: " + await(r.readLine()).length);
        }
        server.close();
        await(server.waitClosed());
        return result(got);
    }

    @Test
    void readLineReadUntilReadExactlyAndReadAsAsyncio() throws Exception {
        assertEquals(List.of("hello\n", "world\n", "1234", "5678", "a--", "b--", "false",
                "incomplete: tail of 10", "true", "read at eof: 0", "line at eof: 0"), AsyncIO.run(readEveryWay()));
    }

    @Async
    Coroutine<Void> respondAfterEof(StreamReader reader, StreamWriter writer) throws IOException {
        byte[] request = await(reader.read(-1));       // until the client half-closes
        boolean eof = reader.atEof();
        writer.write(bytes("got " + request.length + " bytes, eof=" + eof + ": " + text(request)));
        await(writer.drain());
        writer.close();
        return result();
    }

    @Async
    Coroutine<String> halfClose() throws IOException {
        Server server = await(startServer((r, w) -> respondAfterEof(r, w), HOST, 0));
        Connection c = await(openConnection(HOST, server.port()));
        c.writer().write(bytes("request"));
        assertTrue(c.writer().canWriteEof());
        c.writer().writeEof();
        assertThrows(IllegalStateException.class, () -> c.writer().write(bytes("more")));
        String reply = text(await(c.reader().read(-1)));
        await(c.closeAsync());
        server.close();
        await(server.waitClosed());
        return result(reply);
    }

    @Test
    void halfCloseLetsThePeerStillWriteBack() throws Exception {
        assertEquals("got 7 bytes, eof=true: request", AsyncIO.run(halfClose()));
    }

    @Async
    Coroutine<String> refused(int port) throws IOException {
        try {
            await(openConnection(HOST, port));
            return result("connected?");
        } catch (ConnectException e) {
            return result(e.getMessage());
        }
    }

    @Test
    void aRefusedConnectionIsAConnectExceptionNamingTheAddress() throws Exception {
        int port = StreamSupport.freePort();
        String message = AsyncIO.run(refused(port));
        assertTrue(message.startsWith("cannot connect to 127.0.0.1:" + port + ": "), message);
        assertTrue(message.toLowerCase().contains("refused"), message);
    }

    @Async
    Coroutine<Void> failAfterALine(StreamReader reader, StreamWriter writer) throws IOException {
        byte[] line = await(reader.readLine());
        if (text(line).startsWith("fail")) {
            throw new IOException("handler failed on purpose");
        }
        writer.write(line);
        await(writer.drain());
        writer.close();
        return result();
    }

    @Async
    Coroutine<List<String>> failingHandler() throws IOException {
        Server server = await(startServer((r, w) -> failAfterALine(r, w), HOST, 0));
        List<String> got = new ArrayList<>();
        Connection bad = await(openConnection(HOST, server.port()));
        bad.writer().write(bytes("fail please\n"));
        got.add("bad got " + await(bad.reader().read(-1)).length + " bytes");   // closed by the server
        await(bad.closeAsync());
        Connection good = await(openConnection(HOST, server.port()));
        good.writer().write(bytes("ok\n"));
        got.add("good got " + text(await(good.reader().readLine())));
        await(good.closeAsync());
        server.close();
        await(server.waitClosed());
        return result(got);
    }

    @Test
    void aFailingHandlerIsLoggedAndClosesItsConnectionOnly() throws Exception {
        try (StreamSupport.CapturedLog log = new StreamSupport.CapturedLog()) {
            assertEquals(List.of("bad got 0 bytes", "good got ok\n"), AsyncIO.run(failingHandler()));
            assertTrue(log.contains("Unhandled exception in client connection handler"), String.valueOf(log.records));
        }
    }

    @Async
    Coroutine<Void> longLines(StreamReader reader, StreamWriter writer) throws IOException {
        writer.write(new byte[100 * 1024]);       // no newline within the 64 KiB limit
        writer.write(bytes("\nshort\n"));
        await(writer.drain());
        writer.close();
        return result();
    }

    @Async
    Coroutine<List<String>> limitOverrun() throws IOException {
        Server server = await(startServer((r, w) -> longLines(r, w), HOST, 0));
        List<String> got = new ArrayList<>();
        try (Connection c = await(openConnection(HOST, server.port()))) {
            try {
                await(c.reader().readLine());
            } catch (LimitOverrunException e) {
                got.add("overrun");
            }
            got.add(text(await(c.reader().readLine())));      // the long line was discarded
        }
        server.close();
        await(server.waitClosed());
        return result(got);
    }

    @Test
    void aLineLongerThanTheLimitIsALimitOverrunAndIsDiscarded() throws Exception {
        assertEquals(List.of("overrun", "short\n"), AsyncIO.run(limitOverrun()));
    }

    @Async
    Coroutine<String> drainAfterClose() throws IOException {
        Server server = await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0));
        Connection c = await(openConnection(HOST, server.port()));
        c.writer().close();
        assertTrue(c.writer().isClosing());
        String outcome;
        try {
            await(c.writer().drain());
            outcome = "drained";
        } catch (IOException e) {
            outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        await(c.writer().waitClosed());
        server.close();
        await(server.waitClosed());
        return result(outcome);
    }

    @Test
    void drainOnAClosedWriterSaysTheConnectionIsLost() throws Exception {
        assertEquals("SocketException: Connection lost", AsyncIO.run(drainAfterClose()));
    }

    @Async
    Coroutine<String> serveForeverUntilClosed() throws IOException {
        Server server = await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0));
        assertTrue(server.isServing());
        Task<Void> serving = createTask(server.serveForever());
        await(sleep(0.01));
        assertFalse(serving.isDone());
        byte[] back = await(StreamSupport.roundTrip(server.port(), bytes("ping")));
        server.close();
        await(serving);
        await(server.waitClosed());
        try {
            await(openConnection(HOST, server.port()));
            return result("still listening");
        } catch (ConnectException e) {
            return result(text(back) + ", then refused");
        }
    }

    @Test
    void serveForeverReturnsWhenTheServerIsClosed() throws Exception {
        assertEquals("ping, then refused", AsyncIO.run(serveForeverUntilClosed()));
    }

    @Async
    Coroutine<String> cancelServeForever() throws IOException {
        Server server = await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0));
        Task<Void> serving = createTask(server.serveForever());
        await(sleep(0.01));
        serving.cancel();
        try {
            await(serving);
        } catch (java.util.concurrent.CancellationException expected) {
            // the cancellation propagates
        }
        await(server.waitClosed());
        return result("serving after cancel: " + server.isServing());
    }

    @Test
    void cancellingServeForeverClosesTheServer() throws Exception {
        assertEquals("serving after cancel: false", AsyncIO.run(cancelServeForever()));
    }

    @Async
    Coroutine<Void> lingeringHandler(StreamReader reader, StreamWriter writer) throws IOException {
        await(reader.read(-1));
        return result();        // returns without closing: the connection stays open
    }

    @Async
    Coroutine<List<String>> waitClosedWaitsForClients() throws IOException {
        Server server = await(startServer((r, w) -> lingeringHandler(r, w), HOST, 0));
        Connection c = await(openConnection(HOST, server.port()));
        await(sleep(0.05));
        List<String> got = new ArrayList<>();
        got.add("active " + server.activeConnections());
        server.close();
        Task<Void> waiting = createTask(server.waitClosed());
        await(sleep(0.05));
        got.add("waitClosed done before clients closed: " + waiting.isDone());
        server.closeClients();
        await(waiting);
        got.add("client sees eof: " + await(c.reader().read(10)).length);
        await(c.closeAsync());
        return result(got);
    }

    @Test
    void waitClosedWaitsForTheConnectionsAndCloseClientsClosesThem() throws Exception {
        assertEquals(List.of("active 1", "waitClosed done before clients closed: false", "client sees eof: 0"),
                AsyncIO.run(waitClosedWaitsForClients()));
    }

    @Test
    void readExactlyThrowsAnEofExceptionCarryingThePartialBytes() throws Exception {
        IncompleteReadException e = new IncompleteReadException(bytes("ab"), 5);
        assertTrue(e instanceof EOFException);
        assertEquals("ab", text(e.partial()));
        assertEquals(5, e.expected());
    }
}
