package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GatherOfTasksWaitsForAllOfThemTest {

    @Test
    void gatherReturnsOnceEveryTaskIsDoneWithResultsInOrder() throws Exception {
        SampleOutput out = SampleOutput.of(GatherTasks::main);

        out.assertInOrder("Do something with 2...", "Done with 1", "Done with 2", "Task Results: [Result of 1, Result of 2]");
        assertEquals(List.of(
                "Do something with 1...",
                "Do something with 2...",
                "Done with 1",
                "Done with 2",
                "Task Results: [Result of 1, Result of 2]"), out.beforeFinishedLine());
    }
}
