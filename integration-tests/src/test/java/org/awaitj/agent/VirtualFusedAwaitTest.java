package org.awaitj.agent;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.awaitj.agent.shapes.VirtualFusedAwaits;
import org.awaitj.agent.testing.Rewritten;
import org.awaitj.agent.testing.SourceLines;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.MethodNode;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fused awaits of virtual and interface calls, and the same shapes with the fused path off (the build runs this
 * class again with {@code -Dawaitj.fuse=false}): overrides run wherever the receiver's class says, and every
 * outcome, exception line and loop time is the same.
 */
class VirtualFusedAwaitTest {
    private static final boolean FUSED = !"false".equals(System.getProperty("awaitj.fuse"));

    @Test
    void aSiteLinkedOnTheBaseClassRunsEachReceiversOverride() {
        assertEquals("10 20 -30 40 50 [audit 20] at 3.0", Rewritten.run(VirtualFusedAwaits.class, "oneSiteManyClasses", false));
    }

    @Test
    void aSiteLinkedOnASubclassRunsTheBaseMethodForOtherReceivers() {
        assertEquals("10 20 -30 40 50 [audit 10][audit 50] at 3.0",
                Rewritten.run(VirtualFusedAwaits.class, "oneSiteManyClasses", true));
    }

    @Test
    void anExceptionBeforeTheOverrideSuspendsReachesTheCallerWithEveryLine() {
        assertChain(Rewritten.run(VirtualFusedAwaits.class, "catches", false, false));
    }

    @Test
    void anExceptionAfterTheOverrideSuspendedReachesTheCallerWithEveryLine() {
        assertChain(Rewritten.run(VirtualFusedAwaits.class, "catches", true, false));
    }

    @Test
    void aReceiverPastTheLinkedClassesThrowsBeforeAndAfterSuspendingWithEveryLine() {
        assertChain(Rewritten.run(VirtualFusedAwaits.class, "catches", false, true));
        assertChain(Rewritten.run(VirtualFusedAwaits.class, "catches", true, true));
    }

    private static void assertChain(Throwable e) {
        assertEquals("negative deposit", e.getMessage());
        List<String> app = Arrays.stream(e.getStackTrace())
                .filter(el -> el.getClassName().startsWith(VirtualFusedAwaits.class.getName())
                        && !el.getClassName().endsWith("$Coroutine"))     // the frame classes (the path off)
                .map(el -> el.getMethodName() + ":" + el.getLineNumber()).toList();
        assertEquals(List.of("deposit:" + SourceLines.of(VirtualFusedAwaits.class, "THROW LINE"),
                "catches:" + SourceLines.of(VirtualFusedAwaits.class, "CALL LINE")), app.subList(0, 2),
                Arrays.toString(e.getStackTrace()));
    }

    @Test
    void aNullReceiverFailsAtTheCall() {
        assertEquals("NPE", Rewritten.run(VirtualFusedAwaits.class, "nullReceiver"));
    }

    @Test
    void defaultMethodsAndTheirOverridesRunThroughOneSite() {
        assertEquals("cheers you, thanks you, cheers you, at 1.0", Rewritten.run(VirtualFusedAwaits.class, "defaultMethods"));
    }

    /** Instance methods get direct entries (static, the receiver first) where they are @Async; none with the path off. */
    @Test
    void everyAsyncInstanceMethodHasADirectEntry() {
        Set<String> entries = new TreeSet<>();
        for (Class<?> c : VirtualFusedAwaits.class.getDeclaredClasses()) {
            for (MethodNode m : Rewritten.classNode(c).methods) {
                if (m.desc.endsWith("Lorg/awaitj/Coroutine;I)Ljava/lang/Object;")) {
                    entries.add(c.getSimpleName() + "." + m.name + m.desc.substring(0, m.desc.indexOf(';') + 1));
                }
            }
        }
        String shapes = "(Lorg/awaitj/agent/shapes/VirtualFusedAwaits$";
        assertEquals(FUSED ? Set.of("Account.deposit" + shapes + "Account;", "Audited.deposit" + shapes + "Audited;",
                "Host.thank" + shapes + "Host;", "Polite.thank" + shapes + "Polite;") : Set.of(), entries);
    }
}
