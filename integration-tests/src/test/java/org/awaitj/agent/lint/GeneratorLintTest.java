package org.awaitj.agent.lint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorLintTest {
    @TempDir
    Path dir;

    private List<String> lint(boolean expectErrors, String... source) throws IOException {
        Path src = dir.resolve("src/lintme/Gen.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, String.join("\n", source));
        Path out = dir.resolve("classes");
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", out.toString(), "-cp", System.getProperty("java.class.path"),
                src.toString()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean errors = Lint.run(List.of(out), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(expectErrors, errors, bytes.toString(StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void emitsWhereNothingCanSuspendAreErrorsWithTheirLines() throws IOException {
        List<String> lines = lint(true,
                "package lintme;",
                "import org.awaitj.*;",
                "import org.awaitj.annotations.Async;",
                "import static org.awaitj.AsyncIO.*;",
                "class Gen {",
                "    @Async static AsyncGenerator<Integer> ok() { emit(1); return finish(); }",
                "    @Async static Coroutine<Void> coro() { emit(1); return result(); }",                              // 7
                "    @Async static AsyncGenerator<Integer> sync(Object l) { synchronized (l) { emit(1); } return finish(); }", // 8
                "    @Async static AsyncGenerator<Integer> lam(java.util.List<Integer> xs) {",
                "        xs.forEach(x -> emit(x));",                                                                  // 10
                "        return finish();",
                "    }",
                "    static void plain() { emit(2); }",                                                              // 13
                "    @Async static AsyncGenerator<Integer> res() { result(1); return finish(); }",                    // 14
                "}");
        // by line; a refusal is placed at the line its message names
        assertTrue(lines.get(0).startsWith("lintme/Gen.java:7: cannot rewrite @Async method lintme.Gen.coro() at Gen.java:7: emit(...) in a method declared to return org.awaitj.Coroutine<T>"), lines.get(0));
        assertEquals(List.of(
                "lintme/Gen.java:8: emit inside a synchronized block would suspend while holding the monitor: use org.awaitj.sync.Lock (try (var held = await(lock.locked())) { ... })",
                "lintme/Gen.java:10: emit inside a lambda: a lambda cannot suspend its generator, so it throws IllegalStateException. Emit from the @Async generator method itself (a for loop rather than forEach)",
                "lintme/Gen.java:13: emit in Gen.plain, which is not an async generator: it throws IllegalStateException at run time. Mark the method @Async, returning AsyncGenerator<T>"),
                lines.subList(1, 4));
        assertTrue(lines.get(4).startsWith("lintme/Gen.java:14: cannot rewrite @Async method lintme.Gen.res() at Gen.java:14: an async generator"), lines.get(4));
        assertEquals("5 findings", lines.get(5));
    }

    @Test
    void emitInsideATaskGroupOrTimeoutBlockIsAWarning() throws IOException {
        List<String> lines = lint(false,
                "package lintme;",
                "import org.awaitj.*;",
                "import org.awaitj.annotations.Async;",
                "import static org.awaitj.AsyncIO.*;",
                "class Gen {",
                "    @Async static Coroutine<Integer> one() { return result(1); }",
                "    @Async static AsyncGenerator<Integer> grouped() {",
                "        try (TaskGroup tg = new TaskGroup()) {",
                "            Task<Integer> t = tg.createTask(one());",
                "            emit(await(t));",                                                     // 10
                "        }",
                "        emit(2);",
                "        return finish();",
                "    }",
                "    @Async static AsyncGenerator<Integer> timed() throws java.util.concurrent.TimeoutException {",
                "        try (Timeout t = timeout(1.0)) {",
                "            await(sleep(0.1));",
                "            emit(1);",                                                           // 18
                "        }",
                "        return finish();",
                "    }",
                "}");
        assertEquals(List.of(
                "lintme/Gen.java:10: warning: emit inside a TaskGroup block: while the generator waits there, its consumer runs outside the group, which may cancel the consumer's code when a child fails. Collect inside the block and emit after it",
                "lintme/Gen.java:18: warning: emit inside a timeout block: the deadline goes on while the consumer holds the value, and its cancellation then strikes the consumer's code. Emit after the block",
                "2 findings"), lines);
    }

    @Test
    void aCleanGeneratorAndItsConsumerHaveNoFindings() throws IOException {
        List<String> lines = lint(false,
                "package lintme;",
                "import org.awaitj.*;",
                "import org.awaitj.annotations.Async;",
                "import static org.awaitj.AsyncIO.*;",
                "class Gen {",
                "    @Async static AsyncGenerator<Integer> ticks(int n) {",
                "        try { for (int i = 0; i < n; i++) { await(sleep(0.01)); emit(i); } } finally { await(sleep(0)); }",
                "        return finish();",
                "    }",
                "    @Async static Coroutine<Integer> sum() {",
                "        int s = 0;",
                "        try (AsyncIterator<Integer> it = ticks(3).iterator()) { while (await(it.hasNext())) s += it.next(); }",
                "        return result(s);",
                "    }",
                "}");
        assertEquals(List.of("0 findings"), lines);
        assertFalse(lines.isEmpty());
    }
}
