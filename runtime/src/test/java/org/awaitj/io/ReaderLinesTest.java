package org.awaitj.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.AsyncIterator;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code StreamReader.lines()}: asyncio's {@code async for line in reader}. */
class ReaderLinesTest {
    @Async
    Coroutine<Void> feed(StreamReader reader, String... pieces) {
        for (String piece : pieces) {
            await(sleep(0.1));
            reader.feedData(piece.getBytes(StandardCharsets.UTF_8));
        }
        await(sleep(0.1));
        reader.feedEof();
        return result();
    }

    @Async
    Coroutine<List<String>> lines(int stopAfter, String... pieces) throws java.io.IOException {
        StreamReader r = new StreamReader();
        createTask(feed(r, pieces));
        List<String> got = new ArrayList<>();
        try (AsyncIterator<byte[]> it = r.lines().iterator()) {
            while (got.size() < stopAfter && await(it.hasNext())) {
                got.add(new String(it.next(), StandardCharsets.UTF_8));
            }
        }
        if (got.size() == stopAfter) {
            got.add("then readLine: " + new String(await(r.readLine()), StandardCharsets.UTF_8));
        }
        return result(got);
    }

    @Test
    void linesKeepTheirNewlineAndTheLastOneMayLackItEndingAtEof() throws Exception {
        EventLoop loop = EventLoop.withVirtualTime();
        try {
            assertEquals(List.of("one\n", "two\n", "three"),
                    loop.runUntilComplete(lines(99, "on", "e\ntwo", "\nthree")));
        } finally {
            loop.close();
        }
    }

    @Test
    void leavingTheLoopLeavesTheReaderOpen() throws Exception {
        EventLoop loop = EventLoop.withVirtualTime();
        try {
            assertEquals(List.of("a\n", "then readLine: b\n"), loop.runUntilComplete(lines(1, "a\nb\n")));
        } finally {
            loop.close();
        }
    }
}
