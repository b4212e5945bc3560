package org.awaitj.agent.instrument;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.awaitj.agent.testing.ChildJvm;
import org.awaitj.agent.transform.AsyncTransformer;
import org.awaitj.agent.transform.BuildTimeMark;
import org.awaitj.agent.transform.ClassHierarchy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstrumenterTest {
    @TempDir
    Path dir;

    /** Three fetches at once with gather, each awaiting sleep: 20 ms in all, not 30. */
    private static final String[] FETCH = {
        "package com.example;",
        "import java.util.List;",
        "import org.awaitj.AsyncIO;",
        "import org.awaitj.Coroutine;",
        "import org.awaitj.annotations.Async;",
        "import static org.awaitj.AsyncIO.*;",
        "public class Fetch {",
        "    @Async static Coroutine<String> fetch(String what, double seconds) {",
        "        await(sleep(seconds));",
        "        return result(what + \"!\");",
        "    }",
        "    @Async static Coroutine<List<String>> all() {",
        "        return result(await(gather(fetch(\"a\", 0.02), fetch(\"b\", 0.01), fetch(\"c\", 0))));",
        "    }",
        "    public static String runAll() { return String.valueOf(AsyncIO.run(all())); }",
        "    public static void main(String[] args) { System.out.println(runAll()); }",
        "}",
    };

    private static final String[] LOCKED = {
        "package com.example;",
        "import org.awaitj.Coroutine;",
        "import org.awaitj.annotations.Async;",
        "import static org.awaitj.AsyncIO.*;",
        "public class Locked {",
        "    @Async static Coroutine<Void> hold(Object lock) {",
        "        synchronized (lock) {",
        "            await(sleep(0));",                     // line 8
        "        }",
        "        return result();",
        "    }",
        "}",
    };

    private Instrumenter instrumenter() {
        return new Instrumenter(List.of(), List.of(), dir);
    }

    private static final String FRAME = "com/example/Fetch$fetch$Coroutine.class";

    @Test
    void aClassFolderIsRewrittenInPlaceAndRunsWithoutTheAgent() throws Exception {
        Project p = new Project(dir).source("com.example.Fetch", FETCH).compile();
        assertThrows(IllegalStateException.class, () -> Project.call("com.example.Fetch", "runAll", p.classes),
                "not rewritten yet: await outside a rewritten @Async method");

        Instrumenter.Report report = instrumenter().instrument(p.classes);

        assertEquals(List.of(), report.errors());
        assertEquals(List.of("com.example.Fetch"), report.rewritten());
        assertEquals(2, report.frameClasses());
        Map<String, byte[]> files = Project.classFiles(p.classes);
        assertEquals(List.of("com/example/Fetch$all$Coroutine.class", FRAME, "com/example/Fetch.class"),
                new ArrayList<>(files.keySet()));
        files.values().forEach(b -> assertTrue(BuildTimeMark.isPresent(b)));
        assertEquals("com/example/Fetch", BuildTimeMark.frameOwner(files.get(FRAME)));
        Project.verifyAll(p.classes);
        assertEquals("[a!, b!, c!]", Project.call("com.example.Fetch", "runAll", p.classes));

        // and in a JVM of its own, with nothing but the classes, the runtime and the annotations on its class path
        ChildJvm.Result child = ChildJvm.run(List.of("-cp", p.classes + java.io.File.pathSeparator
                + ChildJvm.applicationClassPath()), "com.example.Fetch");
        assertEquals(0, child.exitCode(), child::toString);
        assertEquals("[a!, b!, c!]", child.out().strip(), child::toString);
        assertFalse(child.err().contains("[awaitj]"), child::toString);
    }

    @Test
    void aSecondRunChangesNothing() throws Exception {
        Project p = new Project(dir).source("com.example.Fetch", FETCH).compile();
        instrumenter().instrument(p.classes);
        Map<String, byte[]> before = Project.classFiles(p.classes);
        FileTime stamp = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(p.classes.resolve("com/example/Fetch.class"), stamp);

        Instrumenter.Report again = instrumenter().instrument(p.classes);

        assertFalse(again.changed());
        assertEquals(List.of(), again.rewritten());
        assertEquals(1, again.upToDate());
        assertEquals("nothing to rewrite in " + p.classes + " (1 class already rewritten)", again.summary());
        Map<String, byte[]> after = Project.classFiles(p.classes);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));
        assertEquals(stamp, Files.getLastModifiedTime(p.classes.resolve("com/example/Fetch.class")), "not even rewritten");
    }

    @Test
    void aClassJavacRecompiledIsRewrittenAgainAndItsOldFrameClassesGo() throws Exception {
        Project p = new Project(dir).source("com.example.Fetch", FETCH)
                .source("com.example.Other", "package com.example;",
                        "public class Other {",
                        "    @org.awaitj.annotations.Async static org.awaitj.Coroutine<Integer> one() {",
                        "        return org.awaitj.AsyncIO.result(1);",
                        "    }",
                        "}")
                .compile();
        instrumenter().instrument(p.classes);
        assertTrue(Files.exists(p.classes.resolve("com/example/Other$one$Coroutine.class")));

        // fetch renamed to load: javac writes Fetch.class again, unmarked; Fetch$fetch$Coroutine is now stale
        String[] renamed = String.join("\n", FETCH).replace("fetch(", "load(").split("\n");
        p.source("com.example.Fetch", renamed).compile("com.example.Fetch");
        // Other removed: its class file goes (as the compiler plugin deletes it), its frame class is an orphan
        Files.delete(p.sources.resolve("com/example/Other.java"));
        Files.delete(p.classes.resolve("com/example/Other.class"));

        Instrumenter.Report report = instrumenter().instrument(p.classes);

        assertEquals(List.of("com.example.Fetch"), report.rewritten());
        assertEquals(List.of("com/example/Fetch$fetch$Coroutine.class", "com/example/Other$one$Coroutine.class"),
                report.deleted());
        assertEquals(List.of("com/example/Fetch$all$Coroutine.class", "com/example/Fetch$load$Coroutine.class",
                "com/example/Fetch.class"), new ArrayList<>(Project.classFiles(p.classes).keySet()));
        Project.verifyAll(p.classes);
        assertEquals("[a!, b!, c!]", Project.call("com.example.Fetch", "runAll", p.classes));
    }

    @Test
    void aJarIsReplacedByItsRewrittenCopy() throws Exception {
        Project p = new Project(dir).source("com.example.Fetch", FETCH).compile();
        Path jar = dir.resolve("target/app.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "com.example.Fetch");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, byte[]> c : Project.classFiles(p.classes).entrySet()) {
                out.putNextEntry(new JarEntry(c.getKey()));
                out.write(c.getValue());
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("com/example/data.txt"));
            out.write("kept".getBytes());
            out.closeEntry();
        }

        Instrumenter.Report report = instrumenter().instrument(jar);

        assertEquals(List.of(), report.errors());
        assertEquals(List.of("com.example.Fetch"), report.rewritten());
        List<String> names = new ArrayList<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            j.stream().forEach(e -> names.add(e.getName()));
            assertEquals("com.example.Fetch", j.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS));
            assertEquals("kept", new String(j.getInputStream(j.getEntry("com/example/data.txt")).readAllBytes()));
            assertTrue(BuildTimeMark.isPresent(j.getInputStream(j.getEntry("com/example/Fetch.class")).readAllBytes()));
        }
        // the frame classes just before their class, in the order of the methods
        assertEquals(List.of("META-INF/MANIFEST.MF", FRAME, "com/example/Fetch$all$Coroutine.class",
                "com/example/Fetch.class", "com/example/data.txt"), names);
        assertEquals("[a!, b!, c!]", Project.call("com.example.Fetch", "runAll", jar));

        FileTime stamp = Files.getLastModifiedTime(jar);
        Thread.sleep(20);
        assertFalse(instrumenter().instrument(jar).changed());
        assertEquals(stamp, Files.getLastModifiedTime(jar), "a second run leaves the jar as it is");
    }

    @Test
    void aRefusalNamesTheSourceFileAndLineAndLeavesTheClassAsItWas() throws Exception {
        Project p = new Project(dir).source("com.example.Fetch", FETCH).source("com.example.Locked", LOCKED).compile();
        byte[] original = Files.readAllBytes(p.classes.resolve("com/example/Locked.class"));

        Instrumenter.Report report = instrumenter().instrument(p.classes);

        assertEquals(1, report.errors().size(), report.errors()::toString);
        String error = report.errors().get(0);
        assertTrue(error.startsWith("src/main/java/com/example/Locked.java:8: cannot rewrite @Async method "
                + "com.example.Locked.hold(java.lang.Object) at Locked.java:8: await inside a synchronized block"), error);
        assertArrayEquals(original, Files.readAllBytes(p.classes.resolve("com/example/Locked.class")));
        assertEquals(List.of("com.example.Fetch"), report.rewritten(), "the other classes are rewritten all the same");
        assertEquals(1, instrumenter().instrument(p.classes).errors().size(), "and the next build reports it again");
    }

    @Test
    void withoutAKnownLayoutTheLocationIsThePathInsideThePackage() throws Exception {
        Project p = new Project(dir).source("com.example.Locked", LOCKED).compile();
        Path elsewhere = Files.createDirectories(dir.resolve("out"));
        Files.move(p.classes.resolve("com"), elsewhere.resolve("com"));

        String error = instrumenter().instrument(elsewhere).errors().get(0);

        assertTrue(error.startsWith("com/example/Locked.java:8: cannot rewrite"), error);
    }

    @Test
    void theAgentLeavesAClassRewrittenAtBuildTimeAlone() throws Exception {
        Project p = new Project(dir).source("com.example.Fetch", FETCH).compile();
        byte[] original = Files.readAllBytes(p.classes.resolve("com/example/Fetch.class"));
        instrumenter().instrument(p.classes);
        byte[] marked = Files.readAllBytes(p.classes.resolve("com/example/Fetch.class"));

        // the agent's own ClassFileTransformer, as premain installs it
        Class<?> type = Class.forName("org.awaitj.agent.AsyncClassFileTransformer");
        Class<?> definerType = Class.forName("org.awaitj.agent.ClassDefiner");
        Constructor<?> definer = definerType.getDeclaredConstructor();
        definer.setAccessible(true);
        Constructor<?> ctor = type.getDeclaredConstructor(definerType);
        ctor.setAccessible(true);
        ClassFileTransformer agent = (ClassFileTransformer) ctor.newInstance(definer.newInstance());
        try (URLClassLoader loader = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
            assertNotNull(agent.transform(loader, "com/example/Fetch", null, null, original), "the unmarked class is rewritten");
            assertNull(agent.transform(loader, "com/example/Fetch", null, null, marked), "the marked one is left alone");
        }
        assertFalse(AsyncTransformer.transform(marked, new ClassHierarchy(null)).changed(), "nor rewritten twice");
    }

    @Test
    void onlyTheAttributeMarksAClassNotTheNameInItsConstantPool() throws Exception {
        Project p = new Project(dir).source("com.example.Mentions", "package com.example;",
                "public class Mentions {",
                "    static String name() { return \"org.awaitj.Rewritten\"; }",
                "    @org.awaitj.annotations.Async static org.awaitj.Coroutine<Integer> one() {",
                "        return org.awaitj.AsyncIO.result(1);",
                "    }",
                "}").compile();
        byte[] bytes = Files.readAllBytes(p.classes.resolve("com/example/Mentions.class"));
        assertFalse(BuildTimeMark.isPresent(bytes));
        assertEquals(List.of("com.example.Mentions"), instrumenter().instrument(p.classes).rewritten());
        assertFalse(BuildTimeMark.isPresent(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 9}));
    }

    @Test
    void theClassPathAnswersWhetherASupertypeIsAsyncCloseable() throws Exception {
        // Resource is AsyncCloseable through a supertype that is in a dependency, not in the classes rewritten
        Project lib = new Project(dir.resolve("lib")).source("lib.Base", "package lib;",
                "public abstract class Base implements org.awaitj.AsyncCloseable {",
                "    public static String closed = \"open\";",
                "    public org.awaitj.Coroutine<Void> closeAsync() { closed = \"closed\"; return org.awaitj.AsyncIO.result(); }",
                "}").compile();
        Project app = new Project(dir.resolve("app")).source("app.Uses", "package app;",
                "import org.awaitj.Coroutine;",
                "import org.awaitj.annotations.Async;",
                "import static org.awaitj.AsyncIO.*;",
                "public class Uses {",
                "    static class Resource extends lib.Base { }",
                "    @Async static Coroutine<String> use() throws Exception {",
                "        try (Resource r = new Resource()) { await(sleep(0)); }",
                "        return result(lib.Base.closed);",
                "    }",
                "    public static String run() throws Exception { return org.awaitj.AsyncIO.run(use()); }",
                "}");
        app.extraClassPath = lib.classes.toString();
        app.compile();
        Path without = dir.resolve("without");
        for (Map.Entry<String, byte[]> c : Project.classFiles(app.classes).entrySet()) {
            Files.createDirectories(without.resolve(c.getKey()).getParent());
            Files.write(without.resolve(c.getKey()), c.getValue());
        }

        Instrumenter.Report report = new Instrumenter(List.of(lib.classes), List.of(), dir).instrument(app.classes);
        new Instrumenter(List.of(), List.of(), dir).instrument(without);

        assertEquals(List.of(), report.errors());
        assertEquals("closed", Project.call("app.Uses", "run", app.classes, lib.classes), "the end of the block awaits closeAsync");
        assertThrows(IllegalStateException.class, () -> Project.call("app.Uses", "run", without, lib.classes),
                "not knowing Base, the rewrite leaves close(), which throws");
    }
}
