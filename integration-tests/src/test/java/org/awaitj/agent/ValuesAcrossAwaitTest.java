package org.awaitj.agent;

import org.awaitj.agent.shapes.Values;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ValuesAcrossAwaitTest {
    @Test
    void localsOfEveryTypeIncludingArraysAndNullSurvive() {
        String r = Rewritten.run(Values.class, "locals");
        assertEquals("false -4 r 299 123457 " + Long.MAX_VALUE + " 2.5 " + (-Math.PI)
                + " text [10, 2, 3] [[a], [b, c]] null null [7, 8]", r);
    }

    @Test
    void everyPrimitiveTypeCanBeTheAwaitedValue() {
        assertEquals("true 1 c 2 3 4 5.5 6.25 9", Rewritten.run(Values.class, "awaitedPrimitives"));
    }

    @Test
    void everyTypeBelowTheAwaitOnTheOperandStackSurvives() {
        String r = Rewritten.run(Values.class, "onTheStack", true, (byte) -1, 'k', (short) -2, -3, 1L << 50, -0.5f,
                1e300, "str", new int[] {4, 5});
        assertEquals("true -1 k -2 -3 " + (1L << 50) + " -0.5 1.0E300 str [4, 5] null mid x 2 3.5", r);
    }

    @Test
    void mixedArgumentsAroundAnAwait() {
        assertEquals("1/2.0/s/4/c", Rewritten.run(Values.class, "mixedArguments"));
    }

    @Test
    void wideValuesUnderAnAwait() {
        // x = 10 + 3 * 4 = 22; y = 0.5 * (2 + 22) = 12; z = 22 + 8 = 30
        assertEquals(42L, (long) Rewritten.run(Values.class, "wideArithmetic", 10L, 4L));
        assertEquals(1.5 + 10 * 5, (double) Rewritten.run(Values.class, "wideUnder", 1.5, 10L));
    }

    @Test
    void stringConcatenationWithAwaitsInTheMiddle() {
        assertEquals("a1b" + (1L << 40) + "c0.25true!", Rewritten.run(Values.class, "concatenation", 1, 1L << 40, 0.25));
    }

    @Test
    void narrowIntegersAndArrayStores() {
        assertEquals("-56 zb 5 true", Rewritten.run(Values.class, "narrow"));
    }

    @Test
    void localsMergedAtJoinPointsAndSlotsReusedWithAnotherType() {
        assertEquals("5 0.5 sb 1 null", Rewritten.run(Values.class, "mergesAndReusedSlots", true));
        assertEquals("t 0.5 str 2 x", Rewritten.run(Values.class, "mergesAndReusedSlots", false));
    }
}
