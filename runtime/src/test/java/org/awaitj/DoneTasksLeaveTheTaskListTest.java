package org.awaitj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loop's list of tasks has one link a task, so a done task leaves it at a sweep, later than it is done.
 * allTasks() never shows a done task and keeps creation order, and the list never holds more done tasks than
 * pending ones plus a few.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DoneTasksLeaveTheTaskListTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    @Async
    Coroutine<Void> sleeper(double seconds) {
        await(sleep(seconds));
        return result();
    }

    private String names(Iterable<Task<?>> tasks) {
        StringBuilder b = new StringBuilder();
        for (Task<?> t : tasks) {
            if (t != currentTask()) {
                b.append(b.length() == 0 ? "" : " ").append(t.getName());
            }
        }
        return b.toString();
    }

    /** Tasks that end out of order: allTasks() after each end lists the rest, in the order they were made. */
    @Async
    Coroutine<Void> endingOutOfOrder() {
        double[] delays = {5, 1, 4, 2, 3};
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < delays.length; i++) {
            tasks.add(createTask(sleeper(delays[i]), "t" + i));
        }
        log.add("at 0: " + names(allTasks()));
        await(sleep(0.5));      // then between the ends
        for (int second = 1; second <= 5; second++) {
            await(sleep(1));
            log.add("at " + (int) loop.time() + ": " + names(allTasks()));
        }
        return result();
    }

    @Test
    void allTasksListsThePendingOnesInCreationOrder() {
        loop.runUntilComplete(endingOutOfOrder());
        assertEquals(List.of(
                "at 0: t0 t1 t2 t3 t4",
                "at 1: t0 t2 t3 t4",
                "at 2: t0 t2 t4",
                "at 3: t0 t2",
                "at 4: t0",
                "at 5: "), log);
    }

    /**
     * A long-lived task made first, then many short ones ending out of order: sweeps keep the done tasks in the
     * list within the pending count plus the slack, and allTasks() lists the pending ones in the order they were
     * made.
     */
    @Async
    Coroutine<Void> manyShortBehindALongOne() {
        Task<Void> longOne = createTask(sleeper(1000));
        int mostDone = 0;
        int sweeps = 0;
        int lastLinked = 0;
        for (int round = 0; round < 50; round++) {
            List<Task<Void>> batch = new ArrayList<>();
            for (int i = 0; i < 20 + round; i++) {
                batch.add(createTask(sleeper(i % 7)));
            }
            for (int s = 0; s < 7; s++) {
                await(sleep(1));
                TaskRegistry list = loop.tasks;
                int done = list.linked() - list.count();
                assertTrue(done <= list.count() + TaskRegistry.SLACK,
                        done + " done tasks still listed beside " + list.count() + " pending");
                mostDone = Math.max(mostDone, done);
                int previousId = Integer.MIN_VALUE;
                for (Task<?> t : allTasks()) {
                    assertTrue(!t.isDone() && t.id() > previousId, "pending, in creation order: " + allTasks());
                    previousId = t.id();
                }
                assertEquals(list.count(), allTasks().size());
                if (list.linked() < lastLinked) {
                    sweeps++;       // only a sweep shortens the list
                }
                lastLinked = list.linked();
            }
        }
        assertEquals(2, loop.tasks.count(), "the long task and this one are pending");
        assertTrue(mostDone > 0, "done tasks waited in the list for a sweep");
        assertTrue(sweeps >= 10, sweeps + " sweeps");
        longOne.cancel();
        return result();
    }

    @Test
    void sweepsBoundTheDoneTasksTheListHolds() {
        loop.runUntilComplete(manyShortBehindALongOne());
    }

    /**
     * Tasks made and ended in random orders, some awaited as soon as made: after every turn allTasks() is exactly
     * the pending tasks in creation order (none lost by a sweep, none done), and the bound holds.
     */
    @Async
    Coroutine<Void> randomShapes(long seed) {
        Random random = new Random(seed);
        TaskRegistry list = getRunningLoop().tasks;
        List<Task<?>> made = new ArrayList<>();
        made.add(currentTask());
        for (int turn = 0; turn < 400; turn++) {
            int burst = random.nextInt(6);
            for (int i = 0; i < burst; i++) {
                made.add(createTask(sleeper(random.nextInt(40) / 4.0)));
            }
            if (random.nextInt(4) == 0) {
                Task<Void> t = createTask(sleeper(random.nextInt(3) / 4.0));
                made.add(t);
                await(t);
            } else {
                await(sleep(0.25));
            }
            List<Task<?>> pending = made.stream().filter(t -> !t.isDone()).toList();
            assertEquals(pending, List.copyOf(allTasks()), "seed " + seed + ", turn " + turn);
            int done = list.linked() - list.count();
            assertTrue(done <= list.count() + TaskRegistry.SLACK, "seed " + seed + ": " + done + " done listed");
        }
        return result();
    }

    @Test
    void allTasksIsThePendingOnesWhateverTheOrderTheyEnd() {
        for (long seed = 1; seed <= 20; seed++) {
            EventLoop fresh = EventLoop.withVirtualTime();
            try {
                fresh.runUntilComplete(randomShapes(seed));
            } finally {
                fresh.close();
            }
        }
    }
}
