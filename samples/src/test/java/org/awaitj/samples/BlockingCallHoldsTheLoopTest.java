package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlockingCallHoldsTheLoopTest {

    @Test
    void threadSleepInATaskKeepsTheOtherTaskFromStarting() throws Exception {
        SampleOutput out = SampleOutput.of(BlockingTheLoop::main);

        // both are tasks, yet task 2 cannot start until task 1 gives the thread back, at its end
        out.assertInOrder("Done with 1", "Do something with 2...");
        assertEquals(List.of(
                "Do something with 1...",
                "Done with 1",
                "Do something with 2...",
                "Done with 2",
                "[Result of 1, Result of 2]"), out.beforeFinishedLine());
    }
}
