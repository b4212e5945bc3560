package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessPoolRunsBlockingCodeInWorkerJvmsTest {

    @Test
    void bothCallsRunAtOnceInWorkersAndTheirOutputReachesThisProcess() throws Exception {
        SampleOutput out = SampleOutput.of(ProcessPool::main);
        // the two workers start in either order; what proves concurrency is both starting before either is done
        out.assertInOrder("Do something with 2...", "Done with 1", "Process 1 fully completed", "Done with 2",
                "Process 2 fully completed", "[Result of 1, Result of 2]");
        out.assertInOrder("Do something with 1...", "Done with 1");
        assertEquals(7, out.beforeFinishedLine().size());
        assertEquals(List.of("Process 1 fully completed", "Done with 2", "Process 2 fully completed", "[Result of 1, Result of 2]"),
                out.beforeFinishedLine().subList(3, 7));
    }
}
