package org.awaitj.agent;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.EventLoop;
import org.awaitj.agent.shapes.Regressions;
import org.awaitj.agent.testing.RewritingClassLoader;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One test per transformer bug found by the shape tests, on the smallest shape that showed it. Each fails on
 * a refusal of its own method only, so that one bug fails one test; the loader verifies every output class.
 */
class TransformerRegressionsTest {
    @SuppressWarnings("unchecked")
    private static <T> T run(String method, Object... args) {
        Class<?> c = Rewritten.load(Regressions.class);
        List<String> refused = ((RewritingClassLoader) c.getClassLoader()).problems.stream()
                .filter(p -> p.contains("Regressions." + method + "(")).toList();
        assertEquals(List.of(), refused);
        return (T) Rewritten.runOnLenient(EventLoop.withVirtualTime(), c, method, args);
    }

    /** UninitializedNewMover: frames were looked up by index after an earlier move had shifted the indexes. */
    @Test
    void newMoverFindsTheConstructorOfASecondNewAfterMovingTheFirst() {
        assertEquals("Box[value=Box[value=Box[value=x]]]", run("nestedConstructors"));
        assertEquals("Box[value=a] Box[value=b]", run("twoConstructorsInOneMethod"));
    }

    /** StateMachineEmitter: two stack map frames at one offset corrupted the StackMapTable. */
    @Test
    void awaitEndingAConditionalBranchSharesJavacsJoinFrame() {
        assertEquals("x", run("awaitEndsAConditionalBranch", true));
        assertEquals("y", run("awaitEndsAConditionalBranch", false));
    }

    /** StateMachineEmitter: result(v) left v in Coroutine.value, which the next resumption overwrote (null). */
    @Test
    void resultValueSurvivesASuspensionInAFinallyBlock() {
        List<String> log = new ArrayList<>();
        assertEquals("value", run("resultThroughAnAwaitingFinally", log));
        assertEquals(List.of("finally"), log);
    }

    /** UninitializedNewMover: refused an object under construction that javac itself keeps in locals. */
    @Test
    void objectUnderConstructionKeptInLocalsByJavac() {
        assertEquals("Box[value=ok]", run("objectUnderConstructionInALocal", false));
        assertEquals("Box[value=failed]", run("objectUnderConstructionInALocal", true));
    }

    /** ControlFlow: every covering handler was a successor, even past javac's catch-all of a synchronized block. */
    @Test
    void awaitInACatchOrFinallyAroundASynchronizedBlockIsNotRefused() {
        assertEquals("thrown then awaited",
                run("awaitInACatchAroundASynchronizedBlock", new Object()));
        assertEquals("locked, finally awaited",
                run("awaitInAFinallyAroundASynchronizedBlock", new Object(), new ArrayList<String>()));
    }
}
