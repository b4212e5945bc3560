package org.awaitj.test;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.createTask;
import static org.awaitj.AsyncIO.gather;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.AsyncIO.sleep;
import static org.awaitj.test.AsyncTesting.explore;
import static org.awaitj.test.AsyncTesting.runTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.annotations.Async;
import org.awaitj.queue.Queue;
import org.junit.jupiter.api.Test;

/**
 * Schedule exploration runs a test again with each turn's ready tasks in a seeded random order: it finds the test
 * below, which passes only in FIFO order, and the seed it prints replays the failure exactly.
 */
class ScheduleExplorationTest {
    /**
     * A handoff written as if {@code sleep(0)} let the woken consumer run first. It does in FIFO order, where the
     * consumer was woken before the producer yielded; nothing promises it when both are ready in the same turn.
     */
    @Async
    static Coroutine<Void> handoffThatTrustsSleepZero(TestLoop loop) {
        Queue<String> queue = new Queue<>();
        List<String> taken = new ArrayList<>();
        Task<Void> consumer = createTask(takeOne(queue, taken));
        await(sleep(0));                // the consumer waits in get()
        queue.putNowait("item");        // it is woken: ready for the next turn
        await(sleep(0));                // and so is this task, behind it in FIFO order
        assertEquals(List.of("item"), taken, "the consumer took the item before the producer looked");
        await(consumer);
        return result();
    }

    @Async
    static Coroutine<Void> takeOne(Queue<String> queue, List<String> taken) {
        taken.add(await(queue.get()));
        return result();
    }

    @Test
    void explorationFindsTheOrderATestDependsOnAndItsSeedReplaysTheFailure() {
        runTest(ScheduleExplorationTest::handoffThatTrustsSleepZero);     // FIFO: passes

        Exploration found = explore(200, ScheduleExplorationTest::handoffThatTrustsSleepZero);
        assertTrue(found.failed(), "no schedule of 200 broke the handoff");
        assertTrue(found.seed().isPresent(), "the FIFO run failed: " + found.failure());
        String failure = found.failure().getMessage();
        assertTrue(failure.startsWith("the consumer took the item before the producer looked"), failure);

        long seed = found.seed().getAsLong();
        for (int replay = 0; replay < 3; replay++) {
            AssertionError again = assertThrows(AssertionError.class,
                    () -> runTest(TestOptions.defaults().seed(seed), ScheduleExplorationTest::handoffThatTrustsSleepZero));
            assertEquals(failure, again.getCause().getMessage());
        }
    }

    @Test
    void aFailingScheduleFailsTheTestWithItsSeed() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> runTest(TestOptions.defaults().schedules(200), ScheduleExplorationTest::handoffThatTrustsSleepZero));
        assertTrue(e.getMessage().startsWith("the test fails under schedule seed "), e.getMessage());
        assertTrue(e.getMessage().contains("FIFO passing): replay it with -Dawaitj.test.seed="), e.getMessage());
        assertTrue(e.getCause().getMessage().startsWith("the consumer took the item"), e.getCause().getMessage());
    }

    @Test
    void theSeedPropertyReplaysOneScheduleOfAnExploringTest() {
        Exploration found = explore(200, ScheduleExplorationTest::handoffThatTrustsSleepZero);
        long seed = found.seed().orElseThrow();
        System.setProperty(TestOptions.SEED_PROPERTY, Long.toString(seed));
        try {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> runTest(TestOptions.defaults().schedules(1), ScheduleExplorationTest::handoffThatTrustsSleepZero));
            assertTrue(e.getMessage().startsWith("the test fails under schedule seed " + seed + " (replayed"), e.getMessage());
            // a test that does not explore runs in FIFO order whatever the property says
            runTest(ScheduleExplorationTest::handoffThatTrustsSleepZero);
        } finally {
            System.clearProperty(TestOptions.SEED_PROPERTY);
        }
    }

    /** Six tasks made together, each logging its name once it runs, and again a turn later. */
    @Async
    static Coroutine<List<String>> sixTasksLogTwice(TestLoop loop) {
        List<String> log = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(createTask(logTwice(Integer.toString(i), log)));
        }
        await(gather(tasks));
        return result(log);
    }

    @Async
    static Coroutine<Void> logTwice(String name, List<String> log) {
        log.add(name);
        await(sleep(0));
        log.add(name + "'");
        return result();
    }

    @Test
    void aSeedGivesOneOrderEveryTimeAndOnlyEntriesReadyInTheSameTurnSwap() {
        List<String> fifo = runTest(ScheduleExplorationTest::sixTasksLogTwice);
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "0'", "1'", "2'", "3'", "4'", "5'"), fifo);
        boolean reordered = false;
        for (long seed = 1; seed <= 30; seed++) {
            TestOptions options = TestOptions.defaults().seed(seed);
            List<String> log = runTest(options, ScheduleExplorationTest::sixTasksLogTwice);
            assertEquals(log, runTest(options, ScheduleExplorationTest::sixTasksLogTwice), "seed " + seed);
            for (int i = 0; i < 6; i++) {
                assertFalse(log.get(i).endsWith("'"), "a second step ran in the first turn under seed " + seed + ": " + log);
            }
            reordered |= !log.equals(fifo);
        }
        assertTrue(reordered, "30 seeds all gave the FIFO order");
        assertNotEquals(runTest(TestOptions.defaults().seed(1), ScheduleExplorationTest::sixTasksLogTwice),
                runTest(TestOptions.defaults().seed(2), ScheduleExplorationTest::sixTasksLogTwice));
    }

    @AsyncTest(schedules = 25)
    void aTestThatHoldsInEveryOrderPassesItsExploration() {
        assertEquals(12, runTest(ScheduleExplorationTest::sixTasksLogTwice).size());
    }
}
