package org.awaitj.agent.instrument;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Maven-shaped project in a temporary folder: sources under src/main/java, compiled by javac into
 * target/classes against the test class path (which holds the runtime, compiled from its sources, and the
 * annotations), as a user's build would.
 */
final class Project {
    final Path dir;
    final Path sources;
    final Path classes;
    /** More class path for javac, after the test class path. */
    String extraClassPath = "";

    Project(Path dir) {
        this.dir = dir;
        this.sources = dir.resolve("src/main/java");
        this.classes = dir.resolve("target/classes");
    }

    /** Writes the source of a class, by its binary name. */
    Project source(String className, String... lines) throws IOException {
        Path file = sources.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
        return this;
    }

    /** javac over the given classes' sources (all of them when none given), as an incremental build would. */
    Project compile(String... classNames) throws IOException {
        List<String> options = List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")
                + (extraClassPath.isEmpty() ? "" : java.io.File.pathSeparator + extraClassPath), "-proc:none", "-nowarn");
        List<String> files = new ArrayList<>();
        if (classNames.length == 0) {
            try (Stream<Path> all = Files.walk(sources)) {
                all.filter(f -> f.toString().endsWith(".java")).forEach(f -> files.add(f.toString()));
            }
        } else {
            for (String c : classNames) {
                files.add(sources.resolve(c.replace('.', '/') + ".java").toString());
            }
        }
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter out = new StringWriter();
        try (var fm = javac.getStandardFileManager(null, null, null)) {
            boolean ok = javac.getTask(out, fm, null, options, null, fm.getJavaFileObjectsFromStrings(files)).call();
            assertEquals(true, ok, out.toString());
        }
        return this;
    }

    /** The class files of a folder, by path inside it, with their bytes. */
    static Map<String, byte[]> classFiles(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                out.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return out;
    }

    /** A loader of the project's classes from {@code location} (folder or jar), the runtime from the test class path. */
    static URLClassLoader loader(Path... locations) throws IOException {
        URL[] urls = new URL[locations.length];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = locations[i].toUri().toURL();
        }
        return new URLClassLoader(urls, Project.class.getClassLoader());
    }

    /** Calls {@code static String className.method()} in a fresh loader over the locations (folders or jars). */
    static String call(String className, String method, Path... locations) throws Exception {
        try (URLClassLoader loader = loader(locations)) {
            try {
                return (String) loader.loadClass(className).getMethod(method).invoke(null);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause() instanceof Exception x ? x : e;
            }
        }
    }

    /** ASM's verifier, data flow included, over every class of the folder. */
    static void verifyAll(Path root) throws IOException {
        try (URLClassLoader loader = loader(root)) {
            for (Map.Entry<String, byte[]> c : classFiles(root).entrySet()) {
                StringWriter report = new StringWriter();
                CheckClassAdapter.verify(new ClassReader(c.getValue()), loader, false, new PrintWriter(report));
                assertEquals("", report.toString(), "CheckClassAdapter rejected " + c.getKey());
            }
        }
    }
}
