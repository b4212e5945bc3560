package org.awaitj.agent;

import java.util.List;

import org.awaitj.agent.shapes.Conditions;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConditionsTest {
    @Test
    void awaitInIfConditions() {
        assertEquals("big", Rewritten.run(Conditions.class, "ifAwait", 4));
        assertEquals("small", Rewritten.run(Conditions.class, "ifAwait", 3));
        assertEquals("negative", Rewritten.run(Conditions.class, "ifAwait", -1));
    }

    @Test
    void awaitInWhileCondition() {
        assertEquals(List.of(2, 1, 0), Rewritten.run(Conditions.class, "whileAwait", 3));
        assertEquals(List.of(), Rewritten.run(Conditions.class, "whileAwait", 0));
    }

    @Test
    void ternariesWithAwaitsInEachBranch() {
        assertEquals("1 10 yes st1 3.0", Rewritten.run(Conditions.class, "ternaries", true));
        assertEquals("2 20 no sf2 5.0", Rewritten.run(Conditions.class, "ternaries", false));
    }

    @Test
    void shortCircuitOperatorsSkipTheRightOperandsAwait() {
        assertEquals(List.of("and1", "and2", "and", "or1", "or", "mixed=true"),
                Rewritten.run(Conditions.class, "shortCircuits", true, true));
        assertEquals(List.of("and1", "and2", "or1", "or", "mixed=false"),
                Rewritten.run(Conditions.class, "shortCircuits", true, false));
        assertEquals(List.of("and1", "or1", "or2", "or", "mixed", "mixed=true"),
                Rewritten.run(Conditions.class, "shortCircuits", false, true));
        assertEquals(List.of("and1", "or1", "or2", "mixed", "mixed=false"),
                Rewritten.run(Conditions.class, "shortCircuits", false, false));
    }
}
