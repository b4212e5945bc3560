package org.awaitj.process;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.process.ProcessPoolTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerExitTest {
    @Test
    void aWorkerThatExitsFailsOnlyItsTaskAndIsReplaced() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            long first = pool.submit((Callable<Long> & Serializable) ProcessPoolTesting::pid).get();
            assertEquals(first, pool.submit((Callable<Long> & Serializable) ProcessPoolTesting::pid).get(),
                    "one worker runs task after task");

            Future<Integer> exits = pool.submit((Callable<Integer> & Serializable) () -> {
                System.exit(3);
                return 0;
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> exits.get(30, TimeUnit.SECONDS));
            WorkerExitedException cause = assertInstanceOf(WorkerExitedException.class, e.getCause());
            assertEquals(first, cause.pid());
            assertEquals(3, cause.exitValue());
            assertTrue(cause.getMessage().contains("worker process " + first + " exited with code 3"),
                    cause.getMessage());

            long second = pool.submit((Callable<Long> & Serializable) ProcessPoolTesting::pid).get(30,
                    TimeUnit.SECONDS);
            assertNotEquals(first, second, "a new worker");

            // killed while idle: replaced too
            ProcessHandle.of(second).ifPresent(ProcessHandle::destroyForcibly);
            waitUntil(() -> pool.workerPids().isEmpty(), 30);
            long third = pool.submit((Callable<Long> & Serializable) ProcessPoolTesting::pid).get(30,
                    TimeUnit.SECONDS);
            assertNotEquals(second, third);
        }
    }

    @Test
    void aWorkerThatCannotStartFailsTheTask() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1, List.of("-XX:+NoSuchOptionForAwaitjTest"))) {
            Future<Integer> f = pool.submit((Callable<Integer> & Serializable) () -> 1);
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            WorkerExitedException cause = assertInstanceOf(WorkerExitedException.class, e.getCause());
            assertEquals(1, cause.exitValue());
        }
    }
}
