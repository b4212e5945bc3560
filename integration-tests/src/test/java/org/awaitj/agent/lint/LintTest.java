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

class LintTest {
    @TempDir
    Path dir;

    private static final String EXAMPLE = String.join("\n",
            "package lintme;",
            "import org.awaitj.Coroutine;",
            "import org.awaitj.annotations.Async;",
            "import static org.awaitj.AsyncIO.*;",
            "class Example {",
            "    @Async static Coroutine<String> fetch(int p) { await(sleep(p)); return result(\"r\"); }",
            "    @Async static Coroutine<Void> main() throws InterruptedException {",
            "        fetch(1);",                                   // line 8: discarded
            "        Thread.sleep(10);",                           // line 9: blocking
            "        Object lock = new Object();",
            "        synchronized (lock) { await(sleep(0)); }",    // line 11: await in synchronized
            "        return result();",
            "    }",
            "    static String helper() { return await(fetch(2)); }",                              // line 14
            "    static Runnable later() { return () -> await(sleep(1)); }",                      // line 15
            "    @Async static Coroutine<String> fine() { return result(await(fetch(3))); }",
            "}");

    private Path compile(String source) throws IOException {
        Path src = dir.resolve("src/lintme/Example.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path out = dir.resolve("classes");
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", out.toString(), "-cp", System.getProperty("java.class.path"), src.toString());
        assertEquals(0, rc);
        return out;
    }

    @Test
    void eachClassicMistakeIsReportedWithItsLine() throws IOException {
        Path classes = compile(EXAMPLE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean found = Lint.run(List.of(classes), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(found);
        assertEquals(List.of(
                "lintme/Example.java:8: the coroutine returned by Example.fetch is never awaited nor scheduled, so none of it runs: await it, or pass it to createTask",
                "lintme/Example.java:9: blocking call Thread.sleep in @Async method Example.main: it stalls the event loop. Await an asynchronous equivalent (sleep, a Queue...) or run it with toThread(...)",
                "lintme/Example.java:11: await inside a synchronized block would suspend while holding the monitor: use org.awaitj.sync.Lock (try (var held = await(lock.locked())) { ... })",
                "lintme/Example.java:14: await in Example.helper, which is not @Async: it throws IllegalStateException at run time. Mark the method @Async, returning Coroutine<T>",
                "lintme/Example.java:15: await inside a lambda: a lambda cannot suspend, so it throws IllegalStateException. Move the code into an @Async method",
                "5 findings"), lines);
    }

    @Test
    void cleanCodeHasNoFindings() throws IOException {
        Path classes = compile(String.join("\n",
                "package lintme;",
                "import org.awaitj.Coroutine;",
                "import org.awaitj.annotations.Async;",
                "import static org.awaitj.AsyncIO.*;",
                "class Example {",
                "    @Async static Coroutine<String> fetch(int p) { await(sleep(p)); return result(\"r\"); }",
                "    @Async static Coroutine<String> main() { return result(await(fetch(1)) + await(createTask(fetch(2)))); }",
                "}"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertFalse(Lint.run(List.of(classes), new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        assertEquals("0 findings", bytes.toString(StandardCharsets.UTF_8).trim());
    }

    /** Compiled the Maven way, a class names its source as the build does, and findings come by file and line. */
    @Test
    void aMavenProjectsFindingsNameItsSourcesInOrder() throws IOException {
        Path src = dir.resolve("project/src/main/java/lintme/Example.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, EXAMPLE);
        Path second = dir.resolve("project/src/main/java/lintme/Another.java");
        Files.writeString(second, String.join("\n",
                "package lintme;",
                "class Another {",
                "    static Object helper() { return org.awaitj.AsyncIO.await(Example.fetch(2)); }",
                "}"));
        Path out = dir.resolve("project/target/classes");
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", out.toString(), "-cp", System.getProperty("java.class.path"),
                src.toString(), second.toString()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertTrue(Lint.run(List.of(out), new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        String root = dir.resolve("project/src/main/java").toAbsolutePath().normalize() + "/lintme/";
        assertEquals(List.of(root + "Another.java:3", root + "Example.java:8", root + "Example.java:9",
                root + "Example.java:11", root + "Example.java:14", root + "Example.java:15"),
                lines.subList(0, 6).stream().map(l -> l.substring(0, l.indexOf(": "))).toList());
        assertEquals("6 findings", lines.get(6));
    }
}
