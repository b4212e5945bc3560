package org.awaitj;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TasksRunConcurrentlyTest {
    private final List<String> log = new ArrayList<>();

    @Async
    Coroutine<String> fetchData(int param) {
        log.add("start " + param + " at " + getRunningLoop().time());
        await(sleep(param));
        log.add("done " + param + " at " + getRunningLoop().time());
        return result("Result of " + param);
    }

    @Async
    Coroutine<List<String>> twoTasks() {
        Task<String> t1 = createTask(fetchData(1));
        Task<String> t2 = createTask(fetchData(2));
        String r2 = await(t2);
        String r1 = await(t1);
        return result(List.of(r1, r2));
    }

    @Test
    void twoTasksSleepingOneAndTwoSecondsFinishAtTwoSeconds() {
        EventLoop loop = EventLoop.withVirtualTime();
        assertEquals(List.of("Result of 1", "Result of 2"), loop.runUntilComplete(twoTasks()));
        assertEquals(List.of("start 1 at 0.0", "start 2 at 0.0", "done 1 at 1.0", "done 2 at 2.0"), log);
        assertEquals(2.0, loop.time());
    }
}
