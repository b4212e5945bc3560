package org.awaitj.io;

import org.awaitj.*;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.io.StreamSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peers that misbehave: one that never reads (drain must suspend the writer, not the loop, and memory must
 * stay bounded), one that trickles its request byte by byte (slow loris), one that reads slowly, one that
 * resets the connection in the middle of a write.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BackPressureTest {
    private static final int CHUNK = 16 * 1024;

    private long written;
    private long maxBuffered;
    private int ticks;
    private Throwable writerError;
    private Future<Void> handlerDone;

    /** Writes chunks as fast as drain lets it, until the connection fails. */
    @Async
    Coroutine<Void> flood(StreamReader reader, StreamWriter writer) {
        byte[] chunk = new byte[CHUNK];
        try {
            while (true) {
                writer.write(chunk);
                written += CHUNK;
                maxBuffered = Math.max(maxBuffered, writer.writeBufferSize());
                await(writer.drain());
            }
        } catch (IOException e) {
            writerError = e;
        } finally {
            writer.close();
            handlerDone.setResult(null);
        }
        return result();
    }

    @Async
    Coroutine<Void> ticker() {
        while (true) {
            await(sleep(0.005));
            ticks++;
        }
    }

    /** A blocking client socket, connected off the loop, with a small receive buffer; it never reads. */
    private static Socket lazyPeer(int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress(HOST, port));
        return s;
    }

    @Async
    Coroutine<List<String>> peerThatNeverReads() throws Exception {
        handlerDone = getRunningLoop().createFuture();
        Server server = await(startServer((r, w) -> flood(r, w), HOST, 0));
        Task<Void> ticking = createTask(ticker());
        Socket peer = await(toThread(() -> lazyPeer(server.port())));
        // let the flood fill every buffer: the loop goes on ticking meanwhile
        int start = ticks;
        while (ticks < start + 40) {
            await(sleep(0.005));
        }
        long writtenWhenStuck = written;
        await(sleep(0.1));
        List<String> facts = new ArrayList<>();
        facts.add("the writer is suspended in drain: " + !handlerDone.isDone());
        facts.add("it wrote nothing more while stuck: " + (written == writtenWhenStuck));
        facts.add("the loop kept ticking: " + (ticks >= start + 40));
        facts.add("buffered at most high water + one chunk: " + (maxBuffered <= 64 * 1024 + CHUNK));
        peer.close();       // now the writer's drain fails, and the handler ends
        await(handlerDone);
        facts.add("the drain failed with an IOException: " + (writerError instanceof IOException));
        ticking.cancel();
        server.close();
        await(server.waitClosed());
        return result(facts);
    }

    @Test
    void drainSuspendsTheWriterNotTheLoopAndMemoryStaysBounded() throws Exception {
        assertEquals(List.of("the writer is suspended in drain: true", "it wrote nothing more while stuck: true",
                "the loop kept ticking: true", "buffered at most high water + one chunk: true",
                "the drain failed with an IOException: true"), AsyncIO.run(peerThatNeverReads()));
    }

    // ---- slow loris ----

    private final List<String> events = new ArrayList<>();

    @Async
    Coroutine<Void> lineWithDeadline(StreamReader reader, StreamWriter writer) throws IOException {
        try {
            byte[] line = await(waitFor(reader.readLine(), 2.0));
            writer.write(line);
            await(writer.drain());
        } catch (TimeoutException e) {
            events.add("server dropped a slow client");
        } finally {
            writer.close();
        }
        return result();
    }

    @Async
    Coroutine<String> trickle(int port, String line, double pause) throws IOException {
        Connection c = await(openConnection(HOST, port));
        for (byte b : line.getBytes(StandardCharsets.US_ASCII)) {
            c.writer().write(new byte[] {b});
            await(c.writer().drain());
            await(sleep(pause));
        }
        String reply = new String(await(c.reader().read(-1)), StandardCharsets.US_ASCII);
        events.add("loris got '" + reply.trim() + "'");
        await(c.closeAsync());
        return result(reply);
    }

    @Async
    Coroutine<String> quick(int port) throws IOException {
        Connection c = await(openConnection(HOST, port));
        c.writer().write("quick\n".getBytes(StandardCharsets.US_ASCII));
        String reply = new String(await(c.reader().readLine()), StandardCharsets.US_ASCII);
        events.add("quick client got '" + reply.trim() + "'");
        await(c.closeAsync());
        return result(reply);
    }

    @Async
    Coroutine<List<String>> slowLoris() throws IOException {
        Server server = await(startServer((r, w) -> lineWithDeadline(r, w), HOST, 0));
        Task<String> loris = createTask(trickle(server.port(), "slow but in time\n", 0.01));
        await(sleep(0.05));
        await(quick(server.port()));       // served while the loris is still trickling
        await(loris);
        // one that never finishes its line is cut off by the server's deadline
        Connection stuck = await(openConnection(HOST, server.port()));
        stuck.writer().write("never ends".getBytes(StandardCharsets.US_ASCII));
        events.add("stuck client reads eof: " + (await(stuck.reader().read(-1)).length == 0));
        await(stuck.closeAsync());
        server.close();
        await(server.waitClosed());
        return result(events);
    }

    @Test
    void aSlowLorisIsAssembledByReadLineWhileOthersAreServedAndADeadlineCutsItOff() throws Exception {
        assertEquals(List.of("quick client got 'quick'", "loris got 'slow but in time'",
                "server dropped a slow client", "stuck client reads eof: true"), AsyncIO.run(slowLoris()));
    }

    // ---- slow reader ----

    @Async
    Coroutine<Void> sendAll(byte[] payload, StreamReader reader, StreamWriter writer) throws IOException {
        writer.write(payload);      // one big write: buffered, drained as the reader keeps up
        await(writer.drain());
        writer.close();
        return result();
    }

    @Async
    Coroutine<byte[]> readSlowly() throws IOException {
        byte[] payload = StreamSupport.pattern(512 * 1024);
        Server server = await(startServer((r, w) -> sendAll(payload, r, w), HOST, 0));
        Connection c = await(openConnection(HOST, server.port()));
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        while (true) {
            byte[] part = await(c.reader().read(8 * 1024));
            if (part.length == 0) {
                break;
            }
            got.write(part);
            await(sleep(0.001));
        }
        await(c.closeAsync());
        server.close();
        await(server.waitClosed());
        return result(got.toByteArray());
    }

    @Test
    void aSlowReaderGetsEverythingInOrder() throws Exception {
        assertArrayEquals(StreamSupport.pattern(512 * 1024), AsyncIO.run(readSlowly()));
    }

    // ---- resets ----

    /** Reads a little of the flood, then resets the connection (SO_LINGER 0: RST, not FIN). */
    private static String resetAfterReading(int port) throws IOException {
        try (Socket s = new Socket(HOST, port)) {
            InputStream in = s.getInputStream();
            int n = in.readNBytes(new byte[CHUNK], 0, CHUNK);
            s.setSoLinger(true, 0);
            return "read " + n;
        }
    }

    /** The first connection gets the flood, the next ones an echo. */
    @Async
    Coroutine<Void> floodThenEcho(StreamReader reader, StreamWriter writer) throws IOException {
        if (handlerDone.isDone()) {
            return StreamSupport.echo(reader, writer);
        }
        return flood(reader, writer);
    }

    @Async
    Coroutine<List<String>> resetMidWrite() throws Exception {
        handlerDone = getRunningLoop().createFuture();
        Server server = await(startServer((r, w) -> floodThenEcho(r, w), HOST, 0));
        String peer = await(toThread(() -> resetAfterReading(server.port())));
        await(handlerDone);
        List<String> facts = new ArrayList<>();
        facts.add(peer);
        facts.add("writer failed with " + (writerError instanceof java.net.SocketException ? "a SocketException" : String.valueOf(writerError)));
        // the server goes on
        byte[] back = await(StreamSupport.roundTrip(server.port(), "still here".getBytes(StandardCharsets.US_ASCII)));
        server.close();
        await(server.waitClosed());
        facts.add(new String(back, StandardCharsets.US_ASCII));
        return result(facts);
    }

    @Test
    void aPeerThatResetsMidWriteFailsTheDrainAndTheServerGoesOn() throws Exception {
        assertEquals(List.of("read 16384", "writer failed with a SocketException", "still here"),
                AsyncIO.run(resetMidWrite()));
    }

    private Throwable readerError;

    @Async
    Coroutine<Void> readUntilFailure(StreamReader reader, StreamWriter writer) {
        try {
            while (await(reader.read(1024)).length > 0) {
                // keep reading
            }
            readerError = null;
        } catch (IOException e) {
            readerError = e;
        } finally {
            writer.close();
            handlerDone.setResult(null);
        }
        return result();
    }

    private static Void resetRightAway(int port) throws IOException {
        try (Socket s = new Socket(HOST, port)) {
            s.getOutputStream().write(new byte[10]);
            s.setSoLinger(true, 0);
        }
        return null;
    }

    @Async
    Coroutine<Throwable> resetWhileReading() throws Exception {
        handlerDone = getRunningLoop().createFuture();
        Server server = await(startServer((r, w) -> readUntilFailure(r, w), HOST, 0));
        await(toThread(() -> resetRightAway(server.port())));
        await(handlerDone);
        server.close();
        await(server.waitClosed());
        return result(readerError);
    }

    @Test
    void aResetWhileReadingIsASocketExceptionFromRead() throws Exception {
        Throwable e = AsyncIO.run(resetWhileReading());
        assertNotNull(e, "a reset is not a clean EOF");
        assertTrue(e instanceof java.net.SocketException, String.valueOf(e));
        assertFalse(e.getMessage().isEmpty());
    }
}
