package org.awaitj;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class DebugModeTest {
    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("org.awaitj");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            reports.add(r.getMessage() + (r.getThrown() != null ? " | " + r.getThrown() : ""));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    private String awaitReport(String containing) {
        for (int i = 0; i < 200; i++) {
            for (String r : reports) {
                if (r.contains(containing)) {
                    return r;
                }
            }
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return fail("no report containing '" + containing + "' among " + reports);
    }

    @Async
    Coroutine<String> fetchData(int param) {
        await(sleep(param));
        return result("Result of " + param);
    }

    @Async
    Coroutine<Void> blocksTheLoop() throws InterruptedException {
        await(sleep(0));
        Thread.sleep(300);
        await(sleep(0));
        return result();
    }

    @Async
    Coroutine<Void> forgetsToAwait() {
        fetchData(1);        // never awaited
        return result();
    }

    @Async
    Coroutine<Void> failing() throws IOException {
        await(sleep(0));
        throw new IOException("nobody looks at me");
    }

    @Async
    Coroutine<Void> leavesAFailedTaskBehind() throws IOException {
        createTask(failing());
        await(sleep(1));
        return result();
    }

    @Async
    Coroutine<String> leavesAPendingTask() {
        createTask(fetchData(60));
        return result("done");
    }

    @Async
    Coroutine<String> tree() {
        Task<List<String>> parent = createTask(gathering(), "parent");
        await(sleep(0.5));
        return result(getRunningLoop().dumpTasks());
    }

    @Async
    Coroutine<List<String>> gathering() {
        return result(await(gather(createTask(fetchData(1), "child-1"), createTask(fetchData(2), "child-2"))));
    }

    @Test
    void aStepThatHoldsTheLoopIsReportedWithWhereItBeganAndEnded() throws InterruptedException {
        EventLoop loop = EventLoop.withVirtualTime();
        loop.setDebug(true);
        loop.setSlowCallbackDuration(0.05);
        loop.runUntilComplete(blocksTheLoop());
        String r = awaitReport("took");
        assertTrue(r.matches("Executing <Task .*coro=DebugModeTest.blocksTheLoop.* took 0\\.\\d{3} seconds"), r);
        assertTrue(r.contains("the step began at org.awaitj.DebugModeTest.blocksTheLoop(DebugModeTest.java:74)"), r);
        assertTrue(r.contains("ended at org.awaitj.DebugModeTest.blocksTheLoop(DebugModeTest.java:76)"), r);
    }

    @Test
    void aCoroutineNeverAwaitedIsReportedWithTheLineThatCreatedIt() {
        EventLoop loop = EventLoop.withVirtualTime();
        loop.setDebug(true);
        loop.runUntilComplete(forgetsToAwait());
        String r = awaitReport("was never awaited");
        assertEquals("coroutine 'DebugModeTest.fetchData' was never awaited (created at DebugModeTest.java:82): "
                + "await it, or schedule it with createTask", r);
    }

    @Test
    void aTaskExceptionNobodyRetrievedIsReported() throws IOException {
        EventLoop loop = EventLoop.withVirtualTime();
        loop.setDebug(true);
        loop.runUntilComplete(leavesAFailedTaskBehind());
        loop.close();
        String r = awaitReport("Task exception was never retrieved");
        assertTrue(r.contains("coro=DebugModeTest.failing"), r);
        assertTrue(r.contains("created at DebugModeTest.java:94"), r);
        assertTrue(r.endsWith("| java.io.IOException: nobody looks at me"), r);
    }

    @Test
    void runEndingWithPendingTasksReportsEachWithItsCreationLine() {
        assertEquals("done", AsyncIO.run(leavesAPendingTask(), true));
        String r = awaitReport("still pending");
        assertTrue(r.contains("coro=DebugModeTest.fetchData created at DebugModeTest.java:101"), r);
        assertTrue(r.contains("suspended at org.awaitj.DebugModeTest.fetchData(DebugModeTest.java:"), r);
    }

    @Test
    void loopMethodsFromAnotherThreadAreRefusedInDebugMode() throws Exception {
        EventLoop loop = new EventLoop();
        loop.setDebug(true);
        Thread t = new Thread(loop::runForever);
        t.start();
        try {
            while (!loop.isRunning()) {
                Thread.onSpinWait();
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> { }));
            assertTrue(e.getMessage().contains("only callSoonThreadsafe may be called from other threads"), e.getMessage());
        } finally {
            loop.callSoonThreadsafe(loop::stop);
            t.join();
        }
    }

    @Test
    void dumpTasksShowsWhoAwaitsWhom() {
        String tree = EventLoop.withVirtualTime().runUntilComplete(tree());
        String[] lines = tree.split("\n");
        assertTrue(lines[0].startsWith("Task-"), tree);
        assertTrue(tree.contains("\nparent DebugModeTest.gathering suspended at org.awaitj.DebugModeTest.gathering(DebugModeTest.java:"), tree);
        assertTrue(tree.contains("\n  child-1 DebugModeTest.fetchData suspended at org.awaitj.DebugModeTest.fetchData(DebugModeTest.java:"), tree);
        assertTrue(tree.contains("\n  child-2 DebugModeTest.fetchData"), tree);
    }

    @Async
    Coroutine<String> dumpOverJmx() throws Exception {
        Task<String> sleeper = createTask(fetchData(5), "sleeper");
        await(sleep(0));
        javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        java.util.Set<javax.management.ObjectName> names = server.queryNames(new javax.management.ObjectName("org.awaitj:type=EventLoop,*"), null);
        String tree = "";
        for (javax.management.ObjectName n : names) {
            // invoked from this thread, which is the loop's: a JMX client would call from its own
            tree += server.invoke(n, "dumpTasks", new Object[0], new String[0]);
        }
        sleeper.cancel();
        return result(names.size() + "\n" + tree);
    }

    @Test
    void aDebugLoopCanDumpItsTasksOverJmx() throws Exception {
        EventLoop loop = EventLoop.withVirtualTime();
        loop.setDebug(true);
        String r = loop.runUntilComplete(dumpOverJmx());
        assertTrue(r.startsWith("1\n"), r);
        assertTrue(r.contains("sleeper DebugModeTest.fetchData suspended at"), r);
        assertTrue(java.lang.management.ManagementFactory.getPlatformMBeanServer()
                .queryNames(new javax.management.ObjectName("org.awaitj:type=EventLoop,*"), null).isEmpty());
    }

    @Test
    void aBlockingCallOnTheLoopThreadIsReportedWithItsLine() throws InterruptedException {
        EventLoop loop = EventLoop.withVirtualTime();
        loop.setDebug(true);
        loop.runUntilComplete(blocksTheLoop());
        String r = awaitReport("blocking call");
        assertTrue(r.startsWith("blocking call Thread.sleep on the event loop thread at DebugModeTest.java:75 in <Task "), r);
        assertTrue(r.contains("coro=DebugModeTest.blocksTheLoop"), r);
    }
}
