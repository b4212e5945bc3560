package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TasksRunConcurrentlyTest {

    @Test
    void example3StartsBothTasksBeforeEitherFinishes() throws Exception {
        SampleOutput out = SampleOutput.of(Example3Tasks::main);

        out.assertInOrder("Do something with 1...", "Do something with 2...", "Done with 1", "Done with 2");
        assertEquals(List.of(
                "Do something with 1...",
                "Do something with 2...",
                "Done with 1",
                "Done with 2",
                "[Result of 1, Result of 2]"), out.beforeFinishedLine());
    }
}
