package org.awaitj.process;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitj.process.ProcessPoolTesting.isRunning;
import static org.awaitj.process.ProcessPoolTesting.sleeper;
import static org.awaitj.process.ProcessPoolTesting.touch;
import static org.awaitj.process.ProcessPoolTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessPoolCancellationTest {
    @TempDir
    Path dir;

    @Test
    void cancellingDropsAQueuedTaskAndKillsTheWorkerOfARunningOne() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            Path started = dir.resolve("started");
            Future<String> running = pool.submit(sleeper(started.toString()));
            Path queuedRan = dir.resolve("queued-ran");
            String queuedPath = queuedRan.toString();
            Future<?> queued = pool.submit((Runnable & Serializable) () -> touch(queuedPath));
            waitUntil(() -> Files.exists(started), 30);
            long worker = pool.workerPids().get(0);

            assertTrue(queued.cancel(false));
            assertTrue(queued.isCancelled());

            assertTrue(running.cancel(true));
            assertTrue(running.isCancelled());
            assertThrows(CancellationException.class, running::get);
            waitUntil(() -> !isRunning(worker), 30);

            long next = pool.submit((Callable<Long> & Serializable) ProcessPoolTesting::pid).get(30,
                    TimeUnit.SECONDS);
            assertNotEquals(worker, next, "a new worker");
            assertFalse(Files.exists(queuedRan), "the cancelled queued task never ran");
        }
    }
}
