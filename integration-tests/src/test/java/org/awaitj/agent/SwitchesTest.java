package org.awaitj.agent;

import java.util.List;

import org.awaitj.agent.shapes.Switches;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SwitchesTest {
    @Test
    void oldStyleSwitchOnAnAwaitedInt() {
        assertEquals(List.of("one:1", "two:2"), Rewritten.run(Switches.class, "oldInt", 1));
        assertEquals(List.of("two:2"), Rewritten.run(Switches.class, "oldInt", 2));
        assertEquals(List.of("thousand"), Rewritten.run(Switches.class, "oldInt", 1000));
        assertEquals(List.of("default:14"), Rewritten.run(Switches.class, "oldInt", 7));
    }

    @Test
    void oldStyleSwitchOnAString() {
        assertEquals("fruit", Rewritten.run(Switches.class, "oldString", "apple"));
        assertEquals("vegetable", Rewritten.run(Switches.class, "oldString", "leek"));
        assertEquals("unknown 4", Rewritten.run(Switches.class, "oldString", "pear"));
    }

    @Test
    void oldStyleSwitchOnAnEnum() {
        assertEquals("r1", Rewritten.run(Switches.class, "oldEnum", "RED"));
        assertEquals("g2", Rewritten.run(Switches.class, "oldEnum", "GREEN"));
        assertEquals("other", Rewritten.run(Switches.class, "oldEnum", "BLUE"));
    }

    @Test
    void arrowSwitchExpressionsWithYieldAndAwait() {
        assertEquals("110 <ex> 1", Rewritten.run(Switches.class, "arrows", 1, "x", "RED"));
        assertEquals("121 <ZZ> 6", Rewritten.run(Switches.class, "arrows", 2, "z", "GREEN"));
        assertEquals("103 <?> 7", Rewritten.run(Switches.class, "arrows", 3, "w", "BLUE"));
    }
}
