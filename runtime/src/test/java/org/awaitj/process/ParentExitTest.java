package org.awaitj.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitj.process.ProcessPoolTesting.isRunning;
import static org.awaitj.process.ProcessPoolTesting.sleeper;
import static org.awaitj.process.ProcessPoolTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParentExitTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void workersExitWhenTheParentIsKilled() throws Exception {
        Path err = dir.resolve("parent.err");
        Process parent = new ProcessBuilder(javaExecutable(), "-Xshare:auto", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Parent.class.getName())
                .redirectError(Redirect.to(err.toFile()))
                .start();
        List<Long> pids = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("PIDS ")) {
                    for (String p : line.substring(5).trim().split(" ")) {
                        pids.add(Long.parseLong(p));
                    }
                    break;
                }
            }
            assertEquals(2, pids.size(), () -> "the parent printed no pids; its stderr: " + read(err));
            for (long pid : pids) {
                assertTrue(isRunning(pid));
            }
        } finally {
            parent.destroyForcibly();
            parent.waitFor();
        }
        for (long pid : pids) {
            waitUntil(() -> !isRunning(pid), 30);
        }
    }

    /** The parent JVM of {@link #workersExitWhenTheParentIsKilled}: one worker busy, one idle, then waits. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
            pool.submit(sleeper(Files.createTempFile("awaitj-busy", "").toString()));
            pool.submit((Callable<Long> & Serializable) ProcessPoolTesting::pid).get();
            StringBuilder line = new StringBuilder("PIDS");
            for (long pid : pool.workerPids()) {
                line.append(' ').append(pid);
            }
            System.out.println(line);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
