package org.awaitj.process;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the process pool tests share: tasks that leave a trace, and ways to watch worker processes. */
final class ProcessPoolTesting {
    private ProcessPoolTesting() {
    }

    /** The pid of the JVM that calls it: a task's worker, in a worker. */
    static long pid() {
        return ProcessHandle.current().pid();
    }

    /** A task that creates {@code startedFile}, then sleeps for a minute. */
    static Callable<String> sleeper(String startedFile) {
        return (Callable<String> & Serializable) () -> {
            touch(startedFile);
            Thread.sleep(60_000);
            return "slept";
        };
    }

    static void touch(String path) {
        try {
            Files.writeString(Path.of(path), "x");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Alive and not a zombie: an orphan that exited may wait for a reaper that never comes, here. */
    static boolean isRunning(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    static void waitUntil(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }
}
