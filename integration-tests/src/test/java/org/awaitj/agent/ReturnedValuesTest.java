package org.awaitj.agent;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.agent.shapes.ReturnedValues;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A body returns its result itself when every {@code return result(v)} is returned at once, and keeps it in
 * its frame otherwise; either way the awaiter, fused or not, and a task's awaiter get the same value.
 */
class ReturnedValuesTest {
    @Test
    void aCoroutineAsTheResultIsHandedOverUnrunAndRunsWhenAwaited() {
        assertEquals("[] 21 [seven ran, seven ran, seven ran] at 0.0",
                Rewritten.run(ReturnedValues.class, "coroutineResults", false));
        assertEquals("[] 21 [seven ran, seven ran, seven ran] at 3.0",
                Rewritten.run(ReturnedValues.class, "coroutineResults", true));
    }

    @Test
    void aTaskRootWhoseResultIsACoroutineCompletesWithItUnrun() {
        for (boolean slow : new boolean[] {false, true}) {
            Class<?> c = Rewritten.load(ReturnedValues.class);
            Coroutine<?> inner = assertInstanceOf(Coroutine.class,
                    Rewritten.runOn(EventLoop.withVirtualTime(), c, "makesSeven", slow));
            assertEquals(7, EventLoop.withVirtualTime().runUntilComplete(inner));
        }
    }

    @Test
    void nullResultsStayNull() {
        assertEquals("null null null null null", Rewritten.run(ReturnedValues.class, "nullResults", false));
        assertEquals("null null null null null", Rewritten.run(ReturnedValues.class, "nullResults", true));
    }

    @Test
    void aBodyReturningOnceAtOnceAndOnceThroughAFinallyHasTheRightResultEachWay() {
        String log = " [finally ran, finally ran, finally ran]";
        assertEquals("early kept kept kept" + log + " at 3.0", Rewritten.run(ReturnedValues.class, "mixedReturns", false));
        assertEquals("early kept kept kept" + log + " at 6.0", Rewritten.run(ReturnedValues.class, "mixedReturns", true));
    }

    /** Which of CoroutineSupport's result calls each body makes: one kind a body, by how it returns. */
    @Test
    void bodiesReturningAtOnceReturnTheValueAndOthersKeepItInTheFrame() {
        Map<String, Set<String>> calls = new TreeMap<>();
        for (MethodNode m : Rewritten.classNode(ReturnedValues.class).methods) {
            for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
                if (n instanceof MethodInsnNode call && call.owner.equals("org/awaitj/internal/CoroutineSupport")
                        && (call.name.equals("returned") || call.name.equals("result"))) {
                    calls.computeIfAbsent(m.name, k -> new TreeSet<>()).add(call.name);
                }
            }
        }
        assertEquals(Map.of("coroutineResults", Set.of("returned"), "makesSeven", Set.of("returned"),
                "mixedReturns", Set.of("returned"), "nothing", Set.of("returned"), "nothingAtAll", Set.of("returned"),
                "nullResults", Set.of("returned"), "seven", Set.of("returned"), "throughAFinally", Set.of("result")),
                calls);
    }
}
