package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncGeneratorsSampleTest {

    @Test
    void generatorsRunInTheirConsumerAsFarAsItAsksAndCleanUpWhenClosed() throws Exception {
        SampleOutput out = SampleOutput.of(AsyncGenerators::main);
        assertEquals(List.of(
                "async for v in ticks(5), leaving at 2:",
                "  ticks emits 0", "got 0", "  ticks emits 1", "got 1", "  ticks emits 2", "got 2",
                "  ticks cleans up",
                "a generator of a generator:",
                "  ticks emits 0", "got 0^2=0", "  ticks emits 1", "got 1^2=1", "  ticks emits 2", "got 2^2=4",
                "  ticks cleans up",
                "async for line in reader:",
                "line first", "line second", "line last",
                "a SubmissionPublisher on another thread, iterated with back-pressure:",
                "got alpha", "got beta", "got gamma",
                "a generator as a Flow.Publisher, to a subscriber that asks for 2:",
                "  ticks emits 0", "subscriber got 0", "  ticks emits 1", "subscriber got 1",
                "  ticks cleans up"), out.lines());
    }
}
