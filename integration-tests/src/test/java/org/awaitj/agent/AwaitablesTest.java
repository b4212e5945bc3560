package org.awaitj.agent;

import java.util.List;

import org.awaitj.agent.shapes.Awaitables;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AwaitablesTest {
    @Test
    void tasksAndGatherWithACheckedExceptionThroughAFuture() {
        assertEquals("ok=5 bad=TimeoutException:late t=1.0 gathered=[1, 2, 3]", Rewritten.run(Awaitables.class, "tasks"));
    }

    @Test
    void completionStagesDoneLaterAndFailed() {
        assertEquals("done pending t=2.0 failed t=3.0", Rewritten.run(Awaitables.class, "completionStages"));
    }

    @Test
    void aCancelledTaskRunsItsAwaitingFinally() {
        assertEquals(List.of("start", "cancelled at 2.0", "finally awaited until 3.0",
                "awaiter saw cancellation, cancelled=true at 3.0"), Rewritten.run(Awaitables.class, "cancelATask"));
    }
}
