package org.awaitj.io;

import org.awaitj.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** readUntil with several separators (asyncio 3.13): the match that ends first wins; limits as for one. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadUntilWithSeveralSeparatorsTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Feeds piece i at loop time 0.25 * (i + 1), then the end of the stream. */
    private void scheduleFeeds(StreamReader reader, String... pieces) {
        for (int i = 0; i <= pieces.length; i++) {
            String piece = i < pieces.length ? pieces[i] : null;
            loop.callAt(0.25 * (i + 1), () -> {
                if (piece == null) {
                    reader.feedEof();
                } else {
                    log.add("fed '" + piece + "' at " + loop.time());
                    reader.feedData(b(piece));
                }
            });
        }
    }

    @Async
    Coroutine<List<String>> readAll(StreamReader reader, byte[]... separators) throws IOException {
        List<String> chunks = new ArrayList<>();
        try {
            while (true) {
                byte[] chunk = await(reader.readUntil(separators));
                log.add("read '" + s(chunk) + "' at " + getRunningLoop().time());
                chunks.add(s(chunk));
            }
        } catch (IncompleteReadException e) {
            chunks.add("incomplete '" + s(e.partial()) + "'");
        }
        return result(chunks);
    }

    private List<String> feedAndRead(StreamReader reader, String[] pieces, byte[]... separators) throws IOException {
        scheduleFeeds(reader, pieces);
        return loop.runUntilComplete(readAll(reader, separators));
    }

    @Test
    void theEarliestMatchWinsWhicheverSeparatorItIs() throws IOException {
        StreamReader reader = new StreamReader();
        List<String> chunks = feedAndRead(reader,
                new String[] {"a;b", "\r\nc\nd;", "tail"}, b(";"), b("\r\n"), b("\n"));
        assertEquals(List.of("a;", "b\r\n", "c\n", "d;", "incomplete 'tail'"), chunks);
        assertEquals(List.of("fed 'a;b' at 0.25", "read 'a;' at 0.25", "fed '\r\nc\nd;' at 0.5", "read 'b\r\n' at 0.5",
                "read 'c\n' at 0.5", "read 'd;' at 0.5", "fed 'tail' at 0.75"), log);
    }

    @Test
    void aSeparatorSplitAcrossTwoFeedsIsFound() throws IOException {
        StreamReader reader = new StreamReader();
        List<String> chunks = feedAndRead(reader,
                new String[] {"head\r", "\nrest|"}, b("\r\n"), b("|"));
        assertEquals(List.of("head\r\n", "rest|", "incomplete ''"), chunks);
    }

    @Test
    void ofTwoMatchesEndingAtTheSameByteTheChunkIsTheSame() throws IOException {
        StreamReader reader = new StreamReader();
        List<String> chunks = feedAndRead(reader, new String[] {"x\r\ny"}, b("\n"), b("\r\n"));
        assertEquals(List.of("x\r\n", "incomplete 'y'"), chunks);
    }

    @Async
    Coroutine<String> overrun(StreamReader reader, byte[]... separators) throws IOException {
        try {
            await(reader.readUntil(separators));
            return result("read");
        } catch (LimitOverrunException e) {
            return result("overrun consumed " + e.consumed() + ", still buffered: " + s(await(reader.read(100))));
        }
    }

    @Test
    void pastTheLimitItThrowsLimitOverrunAndLeavesTheBytes() throws IOException {
        StreamReader found = new StreamReader(4);
        found.feedData(b("abcdefgh;"));
        assertEquals("overrun consumed 8, still buffered: abcdefgh;",
                loop.runUntilComplete(overrun(found, b(";"), b("--"))));
        StreamReader notFound = new StreamReader(4);
        notFound.feedData(b("abcdefgh"));
        assertEquals("overrun consumed 7, still buffered: abcdefgh",
                loop.runUntilComplete(overrun(notFound, b(";"), b("--"))));
    }

    @Test
    void noSeparatorOrAnEmptyOneIsRefused() throws IOException {
        StreamReader reader = new StreamReader();
        assertThrows(IllegalArgumentException.class, () -> reader.readUntil(new byte[0][]));
        assertThrows(IllegalArgumentException.class, () -> reader.readUntil(b(";"), new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> reader.readUntil(new byte[0]));
    }
}
