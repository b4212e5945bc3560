package org.awaitj.io;

import org.awaitj.*;

import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** StreamReader's semantics, fed by hand on a virtual-time loop: asyncio's, byte for byte. */
class StreamReaderTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Feeds the pieces one per 0.1 s, then EOF. */
    @Async
    Coroutine<Void> feed(StreamReader reader, String... pieces) {
        for (String piece : pieces) {
            await(sleep(0.1));
            reader.feedData(b(piece));
        }
        await(sleep(0.1));
        reader.feedEof();
        return result();
    }

    @Async
    Coroutine<List<String>> readsIntoOneArray() throws IOException {
        StreamReader r = new StreamReader();
        createTask(feed(r, "hello", " wor", "ld"));
        byte[] into = new byte[8];
        List<String> got = new ArrayList<>();
        got.add("nothing asked: " + await(r.readInto(into, 0, 0)));
        for (int n = await(r.readInto(into, 2, 3)); n >= 0; n = await(r.readInto(into, 2, 3))) {
            got.add(n + " '" + new String(into, 2, n, StandardCharsets.ISO_8859_1) + "' at " + getRunningLoop().time());
        }
        got.add("eof " + r.atEof());
        return result(got);
    }

    @Test
    void readIntoCopiesWhatIsBufferedUpToTheRoomGivenAndSaysMinusOneAtTheEnd() throws Exception {
        assertEquals(List.of("nothing asked: 0", "3 'hel' at 0.1", "2 'lo' at 0.1", "3 ' wo' at 0.2", "1 'r' at 0.2",
                "2 'ld' at 0.30000000000000004", "eof true"), loop.runUntilComplete(readsIntoOneArray()));
    }

    @Test
    void readIntoRefusesARangeOutsideTheArray() {
        StreamReader r = new StreamReader();
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> r.readInto(new byte[4], 2, 3));
    }

    @Async
    Coroutine<List<String>> separatorAcrossChunks() throws IOException {
        StreamReader r = new StreamReader();
        createTask(feed(r, "ab<", "-", "->cd<", "-->", "tail"));
        List<String> got = new ArrayList<>();
        got.add(s(await(r.readUntil(b("<-->")))) + " at " + getRunningLoop().time());
        got.add(s(await(r.readUntil(b("<-->")))));
        try {
            await(r.readUntil(b("<-->")));
        } catch (IncompleteReadException e) {
            got.add("incomplete '" + s(e.partial()) + "' expected " + e.expected());
        }
        got.add("eof " + r.atEof());
        return result(got);
    }

    @Test
    void aSeparatorSplitAcrossChunksIsFound() throws Exception {
        assertEquals(List.of("ab<--> at 0.30000000000000004", "cd<-->", "incomplete 'tail' expected -1", "eof true"),
                loop.runUntilComplete(separatorAcrossChunks()));
    }

    @Async
    Coroutine<List<String>> overrunKeepsTheData() throws IOException {
        StreamReader r = new StreamReader(8);
        r.feedData(b("0123456789|rest"));
        List<String> got = new ArrayList<>();
        try {
            await(r.readUntil(b("|")));
        } catch (LimitOverrunException e) {
            got.add("overrun, consumed " + e.consumed());
        }
        got.add(s(await(r.readExactly(11))));      // readUntil left the bytes where they were
        r.feedData(b("0123456789abcdef\nnext\n"));
        try {
            await(r.readLine());
        } catch (LimitOverrunException e) {
            got.add("line overrun");
        }
        got.add(s(await(r.readLine())).trim());     // readLine dropped the long line, newline included
        return result(got);
    }

    @Test
    void readUntilLeavesAnOverrunInTheBufferAndReadLineDropsIt() throws Exception {
        assertEquals(List.of("overrun, consumed 10", "0123456789|", "line overrun", "next"),
                loop.runUntilComplete(overrunKeepsTheData()));
    }

    @Async
    Coroutine<String> twoReaders() throws IOException {
        StreamReader r = new StreamReader();
        Task<byte[]> first = createTask(r.read(10));
        await(sleep(0));
        try {
            await(r.read(10));
            return result("two readers allowed?");
        } catch (IllegalStateException e) {
            r.feedData(b("x"));
            return result(e.getMessage().startsWith("read() called while another coroutine is already waiting")
                    + " " + s(await(first)));
        }
    }

    @Test
    void oneReaderAtATime() throws Exception {
        assertEquals("true x", loop.runUntilComplete(twoReaders()));
    }

    @Async
    Coroutine<List<String>> failure() {
        StreamReader r = new StreamReader();
        r.feedData(b("buffered"));
        SocketException reset = new SocketException("Connection reset");
        r.setException(reset);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try {
                await(r.read(100));
            } catch (IOException e) {
                got.add(e == reset ? "the reset, unchanged" : e.toString());
            }
        }
        return result(got);
    }

    @Test
    void afterAFailureEveryReadThrowsIt() throws Exception {
        assertEquals(List.of("the reset, unchanged", "the reset, unchanged"), loop.runUntilComplete(failure()));
    }

    /** Records pause and resume: what the socket transport does with its selector interest. */
    private final class RecordingTransport implements ReadControl {
        @Override public void pauseReading() { log.add("pause"); }
        @Override public void resumeReading() { log.add("resume"); }
    }

    @Async
    Coroutine<Void> flowControl() throws IOException {
        StreamReader r = new StreamReader(10);
        r.setTransport(new RecordingTransport());
        r.feedData(new byte[15]);
        log.add("15 buffered");
        r.feedData(new byte[6]);        // 21 > 2 * limit: pause
        log.add("21 buffered");
        await(r.readExactly(5));        // 16: still above the limit
        log.add("16 buffered");
        await(r.readExactly(6));        // 10: at the limit, resume
        log.add("10 buffered");
        return result();
    }

    @Test
    void theTransportPausesAboveTwiceTheLimitAndResumesAtTheLimit() throws Exception {
        loop.runUntilComplete(flowControl());
        assertEquals(List.of("15 buffered", "pause", "21 buffered", "16 buffered", "resume", "10 buffered"), log);
    }
}
