package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ToThreadRunsBlockingCodeOffTheLoopTest {

    @Test
    void bothBlockingCallsRunAtOnceAndAreAwaitedInOrder() throws Exception {
        SampleOutput out = SampleOutput.of(ToThread::main);

        // the pool threads start in either order, so only the order within each thread and the awaits is fixed
        out.assertInOrder("Do something with 1...", "Done with 1", "Thread 1 fully completed",
                "Thread 2 fully completed", "[Result of 1, Result of 2]");
        out.assertInOrder("Do something with 2...", "Done with 2", "Thread 2 fully completed");
        // the second call started before the first (1 s) ended: both ran on the pool at the same time
        out.assertInOrder("Do something with 2...", "Done with 1");
        assertEquals(
                Stream.of("Do something with 1...", "Do something with 2...", "Done with 1", "Done with 2",
                        "Thread 1 fully completed", "Thread 2 fully completed", "[Result of 1, Result of 2]").sorted().toList(),
                out.beforeFinishedLine().stream().sorted().toList());
    }
}
