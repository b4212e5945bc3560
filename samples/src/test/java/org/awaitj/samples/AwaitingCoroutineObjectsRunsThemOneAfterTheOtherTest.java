package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AwaitingCoroutineObjectsRunsThemOneAfterTheOtherTest {

    @Test
    void example2RunsEachCoroutineToTheEndWhenItIsAwaited() throws Exception {
        SampleOutput out = SampleOutput.of(Example2AwaitCoroutines::main);

        // no task was created, so nothing overlaps: the second coroutine starts only once the first is done
        out.assertInOrder("Done with 1", "Do something with 2...");
        assertEquals(List.of(
                "Do something with 1...",
                "Done with 1",
                "Do something with 2...",
                "Done with 2",
                "[Result of 1, Result of 2]"), out.beforeFinishedLine());
    }
}
