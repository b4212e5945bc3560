package org.awaitj.agent;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.awaitj.agent.shapes.FusedSuperCalls;
import org.awaitj.agent.testing.Rewritten;
import org.awaitj.agent.testing.SourceLines;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fused awaits of super calls, and the same shapes with the fused path off (the build runs this class again with
 * {@code -Dawaitj.fuse=false}): each super call runs the method the class file names, once, with the same
 * outcomes, exception lines and loop times either way.
 */
class FusedSuperCallTest {
    private static final boolean FUSED = !"false".equals(System.getProperty("awaitj.fuse"));

    @Test
    void overridesThatCallSuperRunEveryLevelOnceWhetherOrNotTheBaseSuspends() {
        String logs = " [top 1, middle 1, base 1] [middle 2, base 2]";
        assertEquals("25 30" + logs + " at 0.0", Rewritten.run(FusedSuperCalls.class, "overridesCallingSuper", false));
        assertEquals("25 30" + logs + " at 2.0", Rewritten.run(FusedSuperCalls.class, "overridesCallingSuper", true));
    }

    @Test
    void theSuperclassExceptionBeforeAndAfterItSuspendedReachesTheCallerWithEveryLine() {
        for (boolean slow : new boolean[] {false, true}) {
            Throwable e = Rewritten.run(FusedSuperCalls.class, "superThrows", slow);
            assertEquals("base refused 7", e.getMessage());
            List<String> app = Arrays.stream(e.getStackTrace())
                    .filter(el -> el.getClassName().startsWith(FusedSuperCalls.class.getName())
                            && !el.getClassName().endsWith("$Coroutine"))     // the frame classes (the path off)
                    .map(el -> el.getClassName().substring(Math.max(el.getClassName().lastIndexOf('$'),
                            el.getClassName().lastIndexOf('.')) + 1) + "." + el.getMethodName() + ":" + el.getLineNumber())
                    .toList();
            assertEquals(List.of("Base.step:" + SourceLines.of(FusedSuperCalls.class, "THROW LINE"),
                    "Middle.step:" + SourceLines.of(FusedSuperCalls.class, "CALL LINE"), "FusedSuperCalls.superThrows:"
                            + SourceLines.of(FusedSuperCalls.class, "await(new Middle().step(7, slow, true))")),
                    app.subList(0, 3), "slow=" + slow + ": " + Arrays.toString(e.getStackTrace()));
        }
    }

    /** On the fused path the superclass's body runs on the Java stack right above the override, as a call would. */
    @Test
    void aFusedSuperCallIsACallOnTheJavaStack() {
        List<String> callers = Rewritten.run(FusedSuperCalls.class, "callerOfTheSuperclassMethod");
        if (FUSED) {
            assertEquals(List.of("Middle.step"), callers);
        } else {
            assertEquals(1, callers.size());
            assertNotEquals("Middle.step", callers.get(0));     // the frame's own resume
        }
    }

    @Test
    void aSuperMethodThatIsNotAsyncIsAwaitedThroughItsCoroutine() {
        assertEquals("13 at 1.0", Rewritten.run(FusedSuperCalls.class, "superMethodMadeByHand"));
    }

    @Test
    void anInterfacesDefaultMethodCalledAsSuperRunsItsBody() {
        assertEquals("thanks you, truly at 1.0", Rewritten.run(FusedSuperCalls.class, "interfaceSuperCall"));
    }

    @Test
    void aProtectedMethodOfASuperclassInAnotherPackageIsCalledAsSuper() {
        assertEquals("HELLO ANN HELLO BOB at 1.0", Rewritten.run(FusedSuperCalls.class, "protectedSuperCall"));
    }

    /** The runtime's entry for Queue.get calls a subclass's override: a super call must not take it, or it loops. */
    @Test
    void aSuperCallToARuntimeWaitRunsTheQueuesOwnGetOnce() {
        assertEquals("first second gets=2 at 2.0", assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> Rewritten.run(FusedSuperCalls.class, "superCallToARuntimeWait")));
    }

    /**
     * The super calls' sites: invokedynamic through an invokespecial handle, on the fused path only (in the body
     * that runs from the frame and in the direct entry).
     */
    @Test
    void superCallsCompileToFusedSitesOfTheMethodTheClassFileNames() {
        Set<String> sites = new TreeSet<>();
        for (Class<?> c : FusedSuperCalls.class.getDeclaredClasses()) {
            for (MethodNode m : Rewritten.classNode(c).methods) {
                for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
                    if (n instanceof InvokeDynamicInsnNode indy && indy.bsmArgs.length == 2
                            && indy.bsmArgs[1] instanceof Handle h && h.getTag() == Opcodes.H_INVOKESPECIAL) {
                        sites.add(c.getSimpleName() + " -> " + h.getOwner().substring(h.getOwner().lastIndexOf('/') + 1)
                                + "." + h.getName());
                    }
                }
            }
        }
        assertEquals(FUSED ? Set.of("CountingQueue -> Queue.get", "LoudGreeter -> Greeter.greet",
                "MadeOver -> FusedSuperCalls$Made.step", "Middle -> FusedSuperCalls$Base.step",
                "Top -> FusedSuperCalls$Middle.step", "Warm -> FusedSuperCalls$Polite.thank") : Set.of(), sites);
    }
}
