package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorHandlingTest {

    @Test
    void gatherPropagatesTheFirstErrorGatherTrueCollectsItAndTaskGroupCancelsTheRest() throws Exception {
        SampleOutput out = SampleOutput.of(ErrorHandling::main);
        assertEquals(List.of(
                "--- gather ---",
                "Do something with 1...",
                "Do something with 2...",
                "Do something with 3...",
                "Done with 1",
                "gather raised: Bad param 2",
                "Done with 3",                  // not cancelled by gather's failure
                "--- gather(true, ...) ---",
                "Do something with 1...",
                "Do something with 2...",
                "Do something with 3...",
                "Done with 1",
                "Done with 3",
                "gather(true) results: [Result of 1, java.lang.IllegalArgumentException: Bad param 2, Result of 3]",
                "--- TaskGroup ---",
                "Do something with 1...",
                "Do something with 2...",
                "Do something with 3...",
                "Done with 1",
                "TaskGroup raised: [java.lang.IllegalArgumentException: Bad param 2]"), out.beforeFinishedLine());
    }
}
