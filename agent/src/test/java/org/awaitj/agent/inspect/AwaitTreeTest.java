package org.awaitj.agent.inspect;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shapes of {@code pstree} and {@code ps} output, from rows as the target's snapshot events give them. */
class AwaitTreeTest {
    private static TaskRow row(long tid, long id, String name, List<Long> awaits, String... stack) {
        return new TaskRow(tid == 1 ? "main" : "worker", tid, id, name, "pending", "App.x", List.of(stack), "task",
                awaits, 0, 0, null, true);
    }

    @Test
    void eachLoopHasItsTreeAndACycleNothingElseAwaitsIsStillDrawn() {
        String tree = AwaitTree.of(List.of(
                row(1, 1, "Task-1", List.of(2L), "app.App.main(App.java:9)"),
                row(1, 2, "child", List.of(), "app.App.inner(App.java:3)", "app.App.child(App.java:5)"),
                row(7, 3, "a", List.of(4L), "app.App.a(App.java:20)"),
                row(7, 4, "b", List.of(5L), "app.App.b(App.java:21)"),
                row(7, 5, "c", List.of(3L), "app.App.c(App.java:22)")));
        assertEquals(String.join("\n",
                "event loop on thread 'main' (tid 1)",
                "└── (T) Task-1",
                "    └──  App.main App.java:9",
                "        └── (T) child",
                "            └──  App.child App.java:5",
                "                └──  App.inner App.java:3",
                "event loop on thread 'worker' (tid 7)",
                "ERROR: the await graph has a cycle: these tasks wait for each other and will never finish",
                "cycle: a → b → c → a",
                "└── (T) a",
                "    └──  App.a App.java:20",
                "        └── (T) b",
                "            └──  App.b App.java:21",
                "                └── (T) c",
                "                    └──  App.c App.java:22",
                "                        └── (T) a  (cycle: awaited above)",
                ""), tree);
    }

    @Test
    void theTableShowsTheCountersOfADebugLoop() {
        TaskRow counted = new TaskRow("main", 1, 1, "Task-1", "running", "App.main", List.of("app.App.main(App.java:9)"),
                "nothing (ready)", List.of(), 12, 0.5, "App.java:30", false);
        assertEquals(String.join("\n",
                "tid  loop  task id  task name  state    coroutine stack  suspended at              awaits  steps  on loop",
                "---------------------------------------------------------------------------------------------------------",
                "1    main  1        Task-1     running  App.main         app.App.main(App.java:9)  -       12     0.500 s",
                "(a step held a loop: its tasks were read while it ran, and may be a step out of date)",
                ""), TaskTable.of(List.of(counted)));
    }
}
