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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Child processes with their pipes as streams. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SubprocessTest {

    @Async
    Coroutine<List<String>> catEcho() throws IOException {
        Subprocess cat = await(createSubprocessExec("cat"));
        List<String> got = new ArrayList<>();
        got.add("pid positive: " + (cat.pid() > 0));
        got.add("running: " + (cat.returnCode() == null));
        cat.stdin().writeLines(List.of("one\n".getBytes(StandardCharsets.UTF_8), "two\n".getBytes(StandardCharsets.UTF_8)));
        await(cat.stdin().drain());
        got.add(new String(await(cat.stdout().readLine()), StandardCharsets.UTF_8).trim());
        got.add(new String(await(cat.stdout().readLine()), StandardCharsets.UTF_8).trim());
        cat.stdin().close();
        got.add("stdout at eof: " + await(cat.stdout().read(10)).length);
        got.add("exit " + await(cat.waitFor()));
        got.add("return code " + cat.returnCode());
        return result(got);
    }

    @Test
    void linesGoThroughCatAndItExitsWithZero() throws Exception {
        assertEquals(List.of("pid positive: true", "running: true", "one", "two", "stdout at eof: 0", "exit 0",
                "return code 0"), AsyncIO.run(catEcho()));
    }

    @Async
    Coroutine<Void> feed(StreamWriter stdin, byte[] data) throws IOException {
        for (int off = 0; off < data.length; off += 100_000) {
            stdin.write(java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + 100_000)));
            await(stdin.drain());
        }
        stdin.writeEof();
        return result();
    }

    @Async
    Coroutine<byte[]> catBig(byte[] data) throws IOException {
        Subprocess cat = await(createSubprocessExec("cat"));
        Task<Void> feeding = createTask(feed(cat.stdin(), data));     // write and read at once, or both pipes fill
        byte[] out = await(cat.stdout().read(-1));
        await(feeding);
        assertEquals(0, await(cat.waitFor()));
        return result(out);
    }

    @Test
    void eightMebibytesThroughCatWithFlowControlBothWays() throws Exception {
        byte[] data = StreamSupport.pattern(8 * 1024 * 1024);
        assertArrayEquals(data, AsyncIO.run(catBig(data)));
    }

    @Async
    Coroutine<List<String>> exitCodeAndStderr() throws IOException {
        Subprocess sh = await(createSubprocessExec("sh", "-c", "echo out; echo err >&2; exit 3"));
        List<String> got = new ArrayList<>();
        got.add(new String(await(sh.stdout().read(-1)), StandardCharsets.UTF_8).trim());
        got.add(new String(await(sh.stderr().read(-1)), StandardCharsets.UTF_8).trim());
        got.add("exit " + await(sh.waitFor()));
        return result(got);
    }

    @Test
    void theExitCodeAndStandardErrorComeBack() throws Exception {
        assertEquals(List.of("out", "err", "exit 3"), AsyncIO.run(exitCodeAndStderr()));
    }

    @Async
    Coroutine<Integer> killSleeper() throws IOException {
        Subprocess sleeper = await(createSubprocessExec("sleep", "60"));
        Task<Integer> waiting = createTask(sleeper.waitFor());
        await(sleep(0.05));
        sleeper.kill();
        return result(await(waiting));
    }

    @Test
    void killEndsTheChildAndWaitForReportsTheSignal() throws Exception {
        assertEquals(128 + 9, AsyncIO.run(killSleeper()));
    }

    @Async
    Coroutine<String> writeToAChildThatExited() throws IOException {
        Subprocess done = await(createSubprocessExec("true"));
        await(done.waitFor());
        try {
            for (int i = 0; i < 100; i++) {
                done.stdin().write(new byte[64 * 1024]);
                await(done.stdin().drain());
            }
            return result("no error");
        } catch (IOException e) {
            return result("IOException");
        }
    }

    @Test
    void writingToAChildThatExitedFailsTheDrain() throws Exception {
        assertEquals("IOException", AsyncIO.run(writeToAChildThatExited()));
    }

    @Async
    Coroutine<Subprocess> noSuchProgram() throws IOException {
        return result(await(createSubprocessExec("/no/such/program-awaitj")));
    }

    @Test
    void aProgramThatCannotStartIsAnIOException() {
        IOException e = assertThrows(IOException.class, () -> AsyncIO.run(noSuchProgram()));
        assertTrue(e.getMessage().contains("/no/such/program-awaitj"), e.getMessage());
    }

    @Async
    Coroutine<String> redirected(java.nio.file.Path file) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "echo to-file").redirectOutput(file.toFile());
        Subprocess sh = await(createSubprocessExec(pb));
        byte[] piped = await(sh.stdout().read(-1));     // not piped: empty
        await(sh.waitFor());
        return result(piped.length + " " + new String(await(AsyncFiles.readAllBytes(file)), StandardCharsets.UTF_8).trim());
    }

    @Test
    void aProcessBuilderDecidesWhatIsPiped(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertEquals("0 to-file", AsyncIO.run(redirected(dir.resolve("out.txt"))));
    }
}
