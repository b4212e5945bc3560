package org.awaitj.agent;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.awaitj.agent.shapes.VirtualFusedAwaits;
import org.awaitj.agent.shapes.VirtualFusedAwaits.Account;
import org.awaitj.agent.testing.Rewritten;
import org.awaitj.agent.testing.SourceLines;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
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
    void receiversPastTheLinkedClassesRunWhatTheirClassRunsThroughTheBridges() {
        assertEquals("1 2 3 4 5 -6 7 8 9 10 [audit 4][audit 5][audit 10] at 5.0",
                Rewritten.run(VirtualFusedAwaits.class, "pastTheLinkedClasses"));
    }

    @Test
    void anInterfaceSitePastItsLinkedClassesRunsEachReceiversMethodThroughTheBridgesOrItsTable() {
        assertEquals("canned you, lambda you, hello you, hi you, both you, hello you, canned you, hello you, proxy you, proxy of all you, at 3.0",
                Rewritten.run(VirtualFusedAwaits.class, "interfaceCalls"));
    }

    @Test
    void anInterfaceCallPastItsLinkedClassesGoesThroughTheReceiversBridge() {
        Throwable e = Rewritten.run(VirtualFusedAwaits.class, "grumpyPastTheLinkedClasses");
        assertEquals("no greeting for you", e.getMessage());
        assertEquals(FUSED, Arrays.stream(e.getStackTrace())
                .anyMatch(el -> el.getClassName().endsWith("$Grumpy") && el.getMethodName().equals("greet$fused")),
                Arrays.toString(e.getStackTrace()));
    }

    @Test
    void overridesOfAnAbstractMethodRunThroughOneSite() {
        assertEquals("9 0 18 9 0 9 at 2.0", Rewritten.run(VirtualFusedAwaits.class, "abstractMethod"));
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
        Throwable before = Rewritten.run(VirtualFusedAwaits.class, "catches", false, true);
        assertChain(before);
        assertEquals(FUSED, Arrays.stream(before.getStackTrace()).anyMatch(el -> el.getMethodName().equals("deposit$fused")),
                "the call went through Account's bridge: " + Arrays.toString(before.getStackTrace()));
        assertChain(Rewritten.run(VirtualFusedAwaits.class, "catches", true, true));
    }

    /**
     * {@code -Dawaitj.fuse=false} on the JVM that runs the rewritten classes: their sites link to the factories,
     * as unfused code runs (the frame class's invokeSuspend on the way, no bridge), with the same outcome.
     */
    @Test
    void theRuntimeLinksNoDirectEntryWhenFusingIsOffThere() {
        System.setProperty("awaitj.fuse", "false");
        Throwable e;
        try {
            e = Rewritten.run(VirtualFusedAwaits.class, "catches", false, true);
        } finally {
            if (FUSED) {
                System.clearProperty("awaitj.fuse");
            }
        }
        assertChain(e);
        List<String> places = Arrays.stream(e.getStackTrace()).map(el -> el.getClassName() + "." + el.getMethodName()).toList();
        assertEquals(List.of(true, false), List.of(places.contains(Account.class.getName() + "$deposit$Coroutine.invokeSuspend"),
                places.stream().anyMatch(p -> p.endsWith("deposit$fused"))), places.toString());
    }

    private static void assertChain(Throwable e) {
        assertEquals("negative deposit", e.getMessage());
        List<String> app = Arrays.stream(e.getStackTrace())
                .filter(el -> el.getClassName().startsWith(VirtualFusedAwaits.class.getName())
                        && !el.getClassName().endsWith("$Coroutine")      // the frame classes (the path off)
                        && !el.getMethodName().endsWith("$fused"))        // a virtual bridge (the path on)
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
        String shapes = "(Lorg/awaitj/agent/shapes/VirtualFusedAwaits$";
        assertEquals(FUSED ? Set.of("Account.deposit" + shapes + "Account;", "Audited.deposit" + shapes + "Audited;",
                "Host.thank" + shapes + "Host;", "Polite.thank" + shapes + "Polite;", "Square.area" + shapes + "Square;",
                "Segment.area" + shapes + "Segment;", "Oblong.area" + shapes + "Oblong;", "English.greet" + shapes + "English;",
                "Slow.greet" + shapes + "Slow;", "Grumpy.greet" + shapes + "Grumpy;", "Both.other" + shapes + "Both;")
                : Set.of(), fused(true));
    }

    /**
     * And a virtual bridge, {@code m$fused}, an instance method of the same access (a default method in an
     * interface) that takes the receiver once more after m's arguments, where they are @Async, abstract ones
     * included; none in a class that only inherits the method or overrides it without @Async. Every class
     * implements the interfaces it was compiled with, and no other: frameworks choose how to proxy it by them.
     */
    @Test
    void everyAsyncInstanceMethodHasAVirtualBridge() {
        String seen = "Ljava/lang/Object;";
        String who = "(Ljava/lang/String;" + seen;
        assertEquals(FUSED ? Set.of("Account.deposit$fused(IZ" + seen, "Audited.deposit$fused(IZ" + seen,
                "Host.thank$fused" + who, "Polite.thank$fused" + who, "Greeter.greet$fused" + who,
                "Welcomer.greet$fused" + who, "English.greet$fused" + who, "Slow.greet$fused" + who,
                "Grumpy.greet$fused" + who, "Both.other$fused(" + seen, "Shape.area$fused(I" + seen,
                "Square.area$fused(I" + seen, "Segment.area$fused(I" + seen, "Oblong.area$fused(I" + seen) : Set.of(),
                fused(false));
        for (Class<?> c : VirtualFusedAwaits.class.getDeclaredClasses()) {
            assertEquals(Arrays.stream(c.getInterfaces()).map(Type::getInternalName).toList(),
                    Rewritten.classNode(c).interfaces, c.getName());
        }
    }

    /** The methods of the shapes' classes that end with the fused path's tail: entries (static) or bridges. */
    private static Set<String> fused(boolean entries) {
        Set<String> out = new TreeSet<>();
        for (Class<?> c : VirtualFusedAwaits.class.getDeclaredClasses()) {
            for (MethodNode m : Rewritten.classNode(c).methods) {
                boolean isStatic = (m.access & Opcodes.ACC_STATIC) != 0;
                if (m.desc.endsWith("Lorg/awaitj/Coroutine;I)Ljava/lang/Object;") && isStatic == entries) {
                    String params = entries ? m.desc.substring(0, m.desc.indexOf(';') + 1) : m.desc.substring(0, m.desc.indexOf("Lorg/awaitj/Coroutine;"));
                    out.add(c.getSimpleName() + "." + m.name + params);
                }
            }
        }
        return out;
    }
}
