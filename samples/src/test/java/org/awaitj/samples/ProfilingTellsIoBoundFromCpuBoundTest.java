package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfilingTellsIoBoundFromCpuBoundTest {

    @Test
    void theTaskThatWaitsIsIoBoundAndTheTaskThatComputesIsCpuBound() throws Exception {
        List<String> lines = SampleOutput.of(Profiling::main).beforeFinishedLine();
        assertEquals(2, lines.size(), lines.toString());
        // the IO-bound task takes a step per page, and 1 more to start; the shares depend on the machine
        assertTrue(lines.get(0).matches("io-bound: 21 steps, on the loop \\d+% of its \\d+\\.\\d s: IO-bound"), lines.get(0));
        assertTrue(lines.get(1).matches("cpu-bound: \\d+ steps, on the loop \\d+% of its \\d+\\.\\d s: CPU-bound"), lines.get(1));
    }
}
