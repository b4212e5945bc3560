package org.awaitj.agent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitj.agent.fuzz.InMemoryCompiler;

/**
 * Compiles sources for a given {@code --release}: in process when the running JDK's javac supports it, else with
 * the javac of another JDK on this machine that does ({@code JAVA25_HOME}, or one under {@code /usr/lib/jvm}).
 */
public final class ReleaseCompiler {
    private ReleaseCompiler() {
    }

    /** Class files by class name, or null when no JDK here compiles for that release. */
    public static Map<String, byte[]> compile(int release, Map<String, String> sources) {
        if (Runtime.version().feature() >= release) {
            return new InMemoryCompiler(release).compile(sources);
        }
        Path javac = javacFor(release);
        return javac == null ? null : compileWith(javac, release, sources);
    }

    /** A javac of a JDK of at least that feature release, or null. */
    public static Path javacFor(int release) {
        List<Path> homes = new ArrayList<>();
        String env = System.getenv("JAVA25_HOME");
        if (env != null) {
            homes.add(Path.of(env));
        }
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            jvms.sorted().forEach(homes::add);
        } catch (IOException | RuntimeException e) {
            // no such directory: only JAVA25_HOME
        }
        for (Path home : homes) {
            Path javac = home.resolve("bin/javac");
            if (Files.isExecutable(javac) && feature(home) >= release) {
                return javac;
            }
        }
        return null;
    }

    private static int feature(Path home) {
        Properties p = new Properties();
        try (var in = Files.newInputStream(home.resolve("release"))) {
            p.load(in);
            String v = p.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
            return Integer.parseInt(v.split("[.+-]")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Map<String, byte[]> compileWith(Path javac, int release, Map<String, String> sources) {
        try {
            Path dir = Files.createTempDirectory("awaitj-release-" + release);
            Path src = dir.resolve("src");
            Path out = dir.resolve("classes");
            List<String> command = new ArrayList<>(List.of(javac.toString(), "--release", Integer.toString(release),
                    "-g", "-proc:none", "-nowarn", "-Xlint:none", "-d", out.toString(),
                    "-classpath", InMemoryCompiler.classPath()));
            for (var e : sources.entrySet()) {
                Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                command.add(file.toString());
            }
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError(javac + " --release " + release + " failed:\n" + output);
            }
            Map<String, byte[]> classes = new LinkedHashMap<>();
            try (Stream<Path> files = Files.walk(out)) {
                for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class")).sorted()::iterator) {
                    String name = out.relativize(f).toString().replace('/', '.');
                    classes.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(f));
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
