package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SleepLetsTasksRunInTheBackgroundTest {

    @Test
    void tasksNobodyAwaitsFinishWhileMainSleeps() throws Exception {
        SampleOutput out = SampleOutput.of(SleepCoordination::main);

        // main never awaits the tasks, yet both end while it sleeps 2.5 s
        out.assertInOrder("Done with 1", "Done with 2", "Tasks finished in background");
        assertEquals(List.of(
                "Do something with 1...",
                "Do something with 2...",
                "Done with 1",
                "Done with 2",
                "Tasks finished in background"), out.beforeFinishedLine());
    }
}
