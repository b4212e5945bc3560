package org.awaitj.agent;

import org.awaitj.agent.shapes.Basics;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BasicsTest {
    @Test
    void aCoroutineWithoutAwaitReturnsItsResult() {
        assertEquals(42, (int) Rewritten.run(Basics.class, "constant"));
    }

    @Test
    void argumentsSurviveASuspension() {
        assertEquals(5, (int) Rewritten.run(Basics.class, "addAfterSleep", 2, 3));
    }

    @Test
    void localsOfEveryTypeSurviveSuspensions() {
        String r = Rewritten.run(Basics.class, "everyType", true, (byte) 7, 'c', (short) -3, 11, 1L << 40, 1.5f, 2.25, "s");
        assertEquals("true 7 c -3 11 1099511627776 1.5 2.25 s! 12", r);
    }

    @Test
    void awaitingACoroutineRunsItInline() {
        assertEquals(3 * 13, (int) Rewritten.run(Basics.class, "nested"));
    }
}
