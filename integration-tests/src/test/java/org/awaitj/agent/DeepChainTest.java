package org.awaitj.agent;

import org.awaitj.agent.shapes.DeepChains;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** 100,000-deep await chains on the default test thread's stack: the runtime's trampoline keeps it bounded. */
class DeepChainTest {
    private static final int DEPTH = 100_000;
    private static final long SUM = (long) DEPTH * (DEPTH + 1) / 2;

    @Test
    void aChainThatNeverSuspends() {
        assertEquals(SUM, (long) Rewritten.run(DeepChains.class, "neverSuspends", DEPTH));
    }

    @Test
    void aChainThatSuspendsAtTheBottom() {
        assertEquals(SUM, (long) Rewritten.run(DeepChains.class, "suspendsAtTheBottom", DEPTH));
    }

    @Test
    void anExceptionFromTheBottomUnwindsTheWholeChain() {
        for (boolean suspend : new boolean[] {false, true}) {
            int[] finallies = {0};
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Rewritten.run(DeepChains.class, "throwsAtTheBottom", DEPTH, suspend, finallies));
            assertEquals("bottom", e.getMessage());
            assertEquals(DEPTH + 1, finallies[0], "suspend=" + suspend);
        }
    }
}
