package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AwaitOrderIsNotExecutionOrderTest {

    @Test
    void example4FinishesTask1WhileMainIsStillAwaitingTask2() throws Exception {
        SampleOutput out = SampleOutput.of(Example4AwaitOrder::main);

        // task 1 ran to its end although main awaited task 2 first; awaiting task 1 afterwards finds it done
        out.assertInOrder("Done with 1", "Task 2 fully completed", "Task 1 fully completed");
        assertEquals(List.of(
                "Do something with 1...",
                "Do something with 2...",
                "Done with 1",
                "Done with 2",
                "Task 2 fully completed",
                "Task 1 fully completed",
                "[Result of 1, Result of 2]"), out.beforeFinishedLine());
    }
}
