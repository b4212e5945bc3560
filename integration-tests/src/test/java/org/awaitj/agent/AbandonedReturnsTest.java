package org.awaitj.agent;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.agent.shapes.AbandonedReturns;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code return result(v)} in a try whose finally evaluates another {@code result(w)} and then abandons that
 * return (an exception it catches): the method returns v, as Java does. Found by the long fuzz run (seed
 * 1002610): the frame kept the last value evaluated, w.
 */
class AbandonedReturnsTest {
    @Test
    void aReturnAbandonedByAnExceptionInAFinallyDoesNotReplaceTheReturnItInterrupted() {
        assertEquals(1, (Integer) Rewritten.run(AbandonedReturns.class, "returnAbandonedByAnException"));
    }

    @Test
    void aReturnAbandonedByTheFailingCloseOfAnAsyncResource() {
        List<String> log = new ArrayList<>();
        assertEquals(1, (Integer) Rewritten.run(AbandonedReturns.class, "returnAbandonedByAFailingAsyncClose", log));
        assertEquals(List.of("inside", "close failed"), log);
    }

    @Test
    void returnsAbandonedByContinueThenOneTaken() {
        assertEquals(2, (Integer) Rewritten.run(AbandonedReturns.class, "returnsAbandonedByContinue"));
    }

    @Test
    void anAbandonedNullResult() {
        assertEquals("kept", Rewritten.run(AbandonedReturns.class, "nullResultAbandoned"));
    }
}
