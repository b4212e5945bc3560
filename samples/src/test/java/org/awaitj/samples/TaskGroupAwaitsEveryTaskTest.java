package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskGroupAwaitsEveryTaskTest {

    @Test
    void theBlockEndsOnceBothTasksAreDone() throws Exception {
        SampleOutput out = SampleOutput.of(TaskGroupSample::main);
        assertEquals(List.of(
                "Do something with 1...",
                "Do something with 2...",
                "Done with 1",
                "Done with 2",
                "Task Group Results: [Result of 1, Result of 2]"), out.beforeFinishedLine());
    }
}
