package org.awaitj.agent;

import java.util.List;

import org.awaitj.agent.shapes.ClassInitOrder;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code new C(await(...))}: the agent moves the object's creation past the arguments (an object whose
 * constructor has not run cannot be saved across a suspension), but C is still initialised where the
 * {@code new} was, before the arguments are evaluated, as in the code run synchronously.
 */
class ClassInitializationOrderTest {
    @Test
    void theClassIsInitialisedBeforeTheConstructorsArgumentsAreEvaluated() {
        List<String> expected = List.of("clinit", "arg a", "ctor a", "arg b", "ctor b",
                "clinit Failing", "caught static initialiser failed");
        assertEquals(expected, ClassInitOrder.synchronous());
        assertEquals(expected, Rewritten.run(ClassInitOrder.class, "rewritten"));
    }
}
