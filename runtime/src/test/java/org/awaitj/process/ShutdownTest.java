package org.awaitj.process;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitj.process.ProcessPoolTesting.isRunning;
import static org.awaitj.process.ProcessPoolTesting.sleeper;
import static org.awaitj.process.ProcessPoolTesting.touch;
import static org.awaitj.process.ProcessPoolTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShutdownTest {
    @TempDir
    Path dir;

    @Test
    void shutdownRunsWhatWasSubmittedAndRefusesMore() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        Future<Integer> a = pool.submit((Callable<Integer> & Serializable) () -> {
            Thread.sleep(200);
            return 1;
        });
        Future<Integer> b = pool.submit((Callable<Integer> & Serializable) () -> 2);
        pool.shutdown();
        assertTrue(pool.isShutdown());
        assertThrows(RejectedExecutionException.class, () -> pool.submit((Callable<Integer> & Serializable) () -> 3));
        assertEquals(1, a.get(30, TimeUnit.SECONDS));
        assertEquals(2, b.get(30, TimeUnit.SECONDS));
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(pool.isTerminated());
        assertEquals(List.of(), pool.workerPids());
    }

    @Test
    void shutdownNowCancelsEverything() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        Path started = dir.resolve("started");
        Future<String> running = pool.submit(sleeper(started.toString()));
        Future<Integer> queued = pool.submit((Callable<Integer> & Serializable) () -> 2);
        waitUntil(() -> Files.exists(started), 30);
        long worker = pool.workerPids().get(0);

        List<Runnable> notRun = pool.shutdownNow();
        assertEquals(List.of(queued), notRun);
        assertTrue(queued.isCancelled());
        assertTrue(running.isCancelled());
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(pool.isTerminated());
        assertFalse(isRunning(worker));
    }

    @Test
    void closeLeavesNoWorkerProcess() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
        Path started = dir.resolve("started");
        String startedPath = started.toString();
        // two at once, so that both workers start
        Future<String> slow = pool.submit((Callable<String> & Serializable) () -> {
            touch(startedPath);
            Thread.sleep(500);
            return "slow";
        });
        waitUntil(() -> Files.exists(started), 30);
        Future<Long> fast = pool.submit((Callable<Long> & Serializable) ProcessPoolTesting::pid);
        fast.get(30, TimeUnit.SECONDS);
        List<Long> pids = pool.workerPids();
        assertEquals(2, pids.size(), pids::toString);

        pool.close();
        assertEquals("slow", slow.get(), "close() lets the running task finish");
        assertTrue(pool.isTerminated());
        for (long pid : pids) {
            waitUntil(() -> !isRunning(pid), 10);
        }
    }
}
