package org.awaitj.agent.instrument;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.awaitj.agent.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar awaitj-agent.jar COMMAND ...}: the dispatcher that is the jar's Main-Class. */
class CommandLineTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void badArgumentsAreOneLineAndExitTwo() {
        assertEquals(2, run("frobnicate"));
        assertEquals(List.of("awaitj: unknown command 'frobnicate' (lint, instrument, ps, pstree; help for usage)"), errLines());
        err.reset();
        assertEquals(2, run("ps", "not-a-pid"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: java -jar awaitj-agent.jar ps PID"), out.toString());
        out.reset();
        assertEquals(2, run("instrument"));
        assertEquals(List.of("awaitj instrument: no PATH given (class folders or jars)"), errLines());
        err.reset();
        assertEquals(2, run("lint", dir.resolve("missing").toString()));
        assertEquals(List.of("awaitj lint: " + dir.resolve("missing") + " is neither a class folder nor a jar"), errLines());
        err.reset();
        assertEquals(2, run("instrument", "--classpath"));
        assertEquals(1, errLines().size());
        err.reset();
        assertEquals(2, run());
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: java -jar awaitj-agent.jar COMMAND"));
    }

    @Test
    void instrumentRewritesAndLintStillWorks() throws Exception {
        Project p = new Project(dir).source("com.example.Fetch", "package com.example;",
                "import org.awaitj.Coroutine;",
                "import org.awaitj.annotations.Async;",
                "import static org.awaitj.AsyncIO.*;",
                "public class Fetch {",
                "    @Async static Coroutine<String> fetch() { await(sleep(0)); return result(\"r\"); }",
                "    public static String runOne() { return org.awaitj.AsyncIO.run(fetch()); }",
                "}").compile();

        assertEquals(0, run("lint", p.classes.toString()));
        assertEquals("0 findings", out.toString(StandardCharsets.UTF_8).strip());
        out.reset();

        assertEquals(0, run("instrument", "--classpath", dir.resolve("nothing-here.jar").toString(), p.classes.toString()));
        assertEquals("rewrote 1 class of " + p.classes + " (1 frame class)", out.toString(StandardCharsets.UTF_8).strip());
        assertEquals("r", Project.call("com.example.Fetch", "runOne", p.classes));
        out.reset();

        assertEquals(0, run("instrument", p.classes.toString()));
        assertEquals("nothing to rewrite in " + p.classes + " (1 class already rewritten)", out.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void instrumentExitsOneOnARefusal() throws Exception {
        Project p = new Project(dir).source("com.example.Locked", "package com.example;",
                "import org.awaitj.Coroutine;",
                "import org.awaitj.annotations.Async;",
                "import static org.awaitj.AsyncIO.*;",
                "public class Locked {",
                "    @Async static Coroutine<Void> hold(Object lock) {",
                "        synchronized (lock) { await(sleep(0)); }",
                "        return result();",
                "    }",
                "}").compile();

        assertEquals(1, run("instrument", p.classes.toString()));
        List<String> lines = errLines();
        // relative to the working directory, which is not the project's here: the absolute path
        assertTrue(lines.get(0).startsWith(p.sources.resolve("com/example/Locked.java") + ":7: cannot rewrite"), lines::toString);
        assertEquals(1, lines.size(), lines::toString);
        assertEquals("rewrote 0 classes of " + p.classes + " (0 frame classes); 1 error: the classes named were left as "
                + "they were", out.toString(StandardCharsets.UTF_8).strip());
    }
}
