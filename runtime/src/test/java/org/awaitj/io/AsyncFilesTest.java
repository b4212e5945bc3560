package org.awaitj.io;

import org.awaitj.*;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whole-file reads and writes off the loop. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AsyncFilesTest {
    @TempDir
    Path dir;

    private int ticks;

    @Async
    Coroutine<Void> ticker() {
        while (true) {
            await(sleep(0));
            ticks++;
        }
    }

    @Async
    Coroutine<List<String>> roundTrip() throws IOException {
        List<String> got = new ArrayList<>();
        Task<Void> ticking = createTask(ticker());
        Path bin = dir.resolve("data.bin");
        byte[] data = StreamSupport.pattern(3 * 1024 * 1024);
        await(AsyncFiles.write(bin, data));
        got.add("bytes equal: " + java.util.Arrays.equals(data, await(AsyncFiles.readAllBytes(bin))));
        Path txt = dir.resolve("text.txt");
        await(AsyncFiles.writeString(txt, "héllo\n"));
        await(AsyncFiles.writeString(txt, "wörld\n", StandardOpenOption.APPEND));
        got.add(await(AsyncFiles.readString(txt)).replace("\n", "|"));
        Path lines = dir.resolve("lines.txt");
        await(AsyncFiles.writeLines(lines, List.of("a", "b", "c")));
        got.add(String.join(",", await(AsyncFiles.readAllLines(lines))));
        try {
            await(AsyncFiles.readAllBytes(dir.resolve("missing")));
        } catch (NoSuchFileException e) {
            got.add("missing: NoSuchFileException");
        }
        got.add("the loop ran other tasks meanwhile: " + (ticks > 0));
        ticking.cancel();
        return result(got);
    }

    @Test
    void writeThenReadBackBytesStringsAndLines() throws Exception {
        assertEquals(List.of("bytes equal: true", "héllo|wörld|", "a,b,c", "missing: NoSuchFileException",
                "the loop ran other tasks meanwhile: true"), AsyncIO.run(roundTrip()));
    }
}
