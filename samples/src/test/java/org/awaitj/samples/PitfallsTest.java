package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PitfallsTest {

    @Test
    void tasksNeverAwaitedAreCancelledWhenMainReturnsAndAnUnawaitedCoroutineNeverRuns() throws Exception {
        SampleOutput out = SampleOutput.of(ForgettingToAwait::main);
        assertEquals(List.of(
                "main returned without awaiting its tasks",
                "task 1 cancelled: true",
                "task 2 cancelled: true"), out.beforeFinishedLine());
    }

    @Test
    void aTaskStillRunningWhenMainReturnsNeverFinishes() throws Exception {
        SampleOutput out = SampleOutput.of(EndingMainEarly::main);
        assertEquals(List.of(
                "Do something with 2...",
                "main is done",
                "task cancelled: true"), out.beforeFinishedLine());
    }
}
