package org.awaitj.io;

import org.awaitj.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.io.StreamSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * CPython's asyncio streams and awaitj's on the two ends of one connection, both ways round: the scripts in
 * src/test/resources run under the machine's {@code python3}, started as awaitj subprocesses. Skipped when
 * there is no python3.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AsyncioInteropTest {
    private static String python;

    @BeforeAll
    static void findPython() throws InterruptedException {
        for (String candidate : List.of("python3", "python")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import asyncio, sys; print(sys.version_info >= (3, 8))")
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && out.equals("True")) {
                    python = candidate;
                    return;
                }
            } catch (IOException notThere) {
                // try the next name
            }
        }
    }

    /** The script, copied out of the class path (it may be inside a jar). */
    private static Path script(Path dir, String name) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = AsyncioInteropTest.class.getResourceAsStream("/" + name)) {
            Files.copy(in, target);
        }
        return target;
    }

    @Async
    Coroutine<List<String>> pythonClientAwaitjServer(Path client) throws IOException {
        Server server = await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0));
        Subprocess py = await(createSubprocessExec(python, client.toString(), HOST, String.valueOf(server.port())));
        Task<byte[]> errors = createTask(py.stderr().read(-1));
        List<String> got = new ArrayList<>();
        got.add(new String(await(py.stdout().read(-1)), StandardCharsets.UTF_8).trim());
        got.add("exit " + await(py.waitFor()));
        String stderr = new String(await(errors), StandardCharsets.UTF_8).trim();
        if (!stderr.isEmpty()) {
            got.add(stderr);
        }
        server.close();
        await(server.waitClosed());
        return result(got);
    }

    @Test
    void aCPythonAsyncioClientTalksToAnAwaitjServer(@TempDir Path dir) throws Exception {
        assumeTrue(python != null, "no python3 on this machine");
        Path client = script(dir, "asyncio_echo_client.py");
        int lines = 0;
        for (int i = 0; i < 100; i++) {
            lines += ("line " + i + "\n").length();
        }
        assertEquals(List.of("OK " + (lines + 1024 * 1024), "exit 0"),
                AsyncIO.run(pythonClientAwaitjServer(client)));
    }

    @Async
    Coroutine<List<String>> awaitjClientPythonServer(Path serverScript) throws IOException {
        Subprocess py = await(createSubprocessExec(python, serverScript.toString()));
        List<String> got = new ArrayList<>();
        String first = new String(await(py.stdout().readLine()), StandardCharsets.UTF_8).trim();
        int port = Integer.parseInt(first.substring("PORT ".length()));
        try (Connection c = await(openConnection(HOST, port))) {
            c.writer().write("hello from awaitj\n".getBytes(StandardCharsets.UTF_8));
            c.writer().write("upper: shout\n".getBytes(StandardCharsets.UTF_8));
            await(c.writer().drain());
            got.add(new String(await(c.reader().readLine()), StandardCharsets.UTF_8).trim());
            got.add(new String(await(c.reader().readLine()), StandardCharsets.UTF_8).trim());
            byte[] big = new byte[50_000];        // one line, under both sides' 64 KiB limit
            java.util.Arrays.fill(big, (byte) 'x');
            big[big.length - 1] = '\n';
            c.writer().write(big);
            await(c.writer().drain());
            got.add("long line back: " + await(c.reader().readUntil(new byte[] {'\n'})).length);
            c.writer().writeEof();
            got.add("eof after half-close: " + await(c.reader().read(-1)).length);
        }
        py.stdin().close();
        got.add(new String(await(py.stdout().readLine()), StandardCharsets.UTF_8).trim());
        got.add("exit " + await(py.waitFor()));
        return result(got);
    }

    @Test
    void anAwaitjClientTalksToACPythonAsyncioServer(@TempDir Path dir) throws Exception {
        assumeTrue(python != null, "no python3 on this machine");
        Path server = script(dir, "asyncio_echo_server.py");
        assertEquals(List.of("hello from awaitj", "UPPER: SHOUT", "long line back: 50000", "eof after half-close: 0",
                "BYE", "exit 0"), AsyncIO.run(awaitjClientPythonServer(server)));
    }
}
