package org.awaitj.agent;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.EventLoop;
import org.awaitj.agent.shapes.Regressions;
import org.awaitj.agent.testing.RewritingClassLoader;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** AwaitRewriter: two stack map frames at one offset corrupted the StackMapTable. */
    @Test
    void awaitEndingAConditionalBranchSharesJavacsJoinFrame() {
        assertEquals("x", run("awaitEndsAConditionalBranch", true));
        assertEquals("y", run("awaitEndsAConditionalBranch", false));
    }

    /** ResultRewriter: result(v) left v in Coroutine.value, which the next resumption overwrote (null). */
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

    /**
     * DeadLocalRanges (found by DebuggerIT): a local dead at a suspension is not saved, and its slot holds a
     * placeholder (0) on resumption; the local variable table still named it there, so a debugger showed n = 0.
     * Its entry now stops where the slot may hold the placeholder.
     */
    @Test
    void aLocalDeadAtASuspensionIsNotNamedWhereItsSlotHoldsAPlaceholder() throws Exception {
        org.objectweb.asm.tree.ClassNode cn = Rewritten.classNode(org.awaitj.testapp.AsyncProgram.class);
        org.objectweb.asm.tree.MethodNode body = cn.methods.stream()
                .filter(m -> m.name.equals("work") && m.desc.startsWith("(Lorg/awaitj/testapp/AsyncProgram$work$Coroutine;"))
                .findFirst().orElseThrow();
        // the resumption of the last await, await(sleep(0.001)): n (the parameter) is dead from there on
        int lastResume = -1;
        for (int i = 0; i < body.instructions.size(); i++) {
            if (body.instructions.get(i) instanceof org.objectweb.asm.tree.MethodInsnNode m && m.name.equals("resumeValue")) {
                lastResume = i;
            }
        }
        assertTrue(lastResume > 0);
        List<String> covering = new ArrayList<>();
        for (org.objectweb.asm.tree.LocalVariableNode lv : body.localVariables) {
            if (body.instructions.indexOf(lv.start) <= lastResume && lastResume < body.instructions.indexOf(lv.end)) {
                covering.add(lv.name);
            }
        }
        assertTrue(covering.contains("total") && covering.contains("log"), covering.toString());
        assertTrue(!covering.contains("n") && !covering.contains("i"), covering.toString());
        // and before the loop's await, n is still named: it is live there
        assertTrue(body.localVariables.stream().anyMatch(lv -> lv.name.equals("n")));
    }
}
