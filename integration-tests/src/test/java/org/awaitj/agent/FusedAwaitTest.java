package org.awaitj.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.awaitj.agent.shapes.FusedAwaits;
import org.awaitj.agent.shapes.FusedLoops;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused await path, {@code await(m(args))} through m's direct entry, and the same shapes with it off (the
 * build runs this class again with {@code -Dawaitj.fuse=false}): every observable outcome is the same.
 */
class FusedAwaitTest {
    private static final boolean FUSED = !"false".equals(System.getProperty("awaitj.fuse"));

    @Test
    void aCalleeThatSuspendsOnlyOnSomeCallsResumesWhereItDid() {
        // i = 0, 3, 6 suspend for a second each; the sum of 2i over 0..8 is 72
        assertEquals("72 [1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0]", Rewritten.run(FusedAwaits.class, "suspendsOnSomeCalls"));
    }

    @Test
    void wideLocalsLiveAcrossFusedAwaitsInALoop() {
        assertEquals("30 96.0 at 3.0", Rewritten.run(FusedAwaits.class, "wideLocalsAroundFusedAwaits"));
    }

    @Test
    void anExceptionBeforeTheCalleeSuspendsReachesTheCallerWithEveryLine() throws IOException {
        Throwable e = Rewritten.run(FusedAwaits.class, "catches", false);
        assertEquals("thrown before suspending", e.getMessage());
        assertChain(e);
    }

    @Test
    void anExceptionAfterTheCalleeSuspendedReachesTheCallerWithEveryLine() throws IOException {
        Throwable e = Rewritten.run(FusedAwaits.class, "catches", true);
        assertEquals("thrown after suspending", e.getMessage());
        assertChain(e);
    }

    /** thrower at its throw, middle at its await, catches at its await, in that order; no frame without a line. */
    private static void assertChain(Throwable e) throws IOException {
        List<String> app = Arrays.stream(e.getStackTrace())
                .filter(el -> el.getClassName().equals(FusedAwaits.class.getName()))
                .map(el -> el.getMethodName() + ":" + el.getLineNumber()).toList();
        assertEquals(List.of("thrower:" + line("THROW LINE"), "middle:" + line("MIDDLE LINE"),
                "catches:" + line("CATCH LINE")), app.subList(0, 3), Arrays.toString(e.getStackTrace()));
        for (StackTraceElement el : e.getStackTrace()) {
            if (el.getClassName().startsWith("org.awaitj.agent.shapes")) {
                assertTrue(el.getLineNumber() > 0, "a frame without a line: " + el + " in " + Arrays.toString(e.getStackTrace()));
            }
        }
    }

    @Test
    void aPrivateInstanceCallee() {
        assertEquals("a2b6", Rewritten.run(FusedAwaits.class, "privateCallee"));
    }

    @Test
    void aRefusedAwaitInAFusedCalleeNamesTheCalleeAndItsLine() throws IOException {
        String message = (String) Rewritten.run(FusedAwaits.class, "callsOneThatAwaitsItself");
        assertTrue(message.contains(" awaits itself in FusedAwaits.awaitsItsOwnTask (FusedAwaits.java:"
                + line("SELF LINE") + "): that would never complete"), message);
    }

    @Test
    void aNullReceiverFailsAtTheCall() {
        assertEquals("NPE", Rewritten.run(FusedAwaits.class, "nullReceiver"));
    }

    @Test
    void mutualRecursionDeeperThanTheInlineDepth() {
        assertEquals("true true false", Rewritten.run(FusedAwaits.class, "mutualRecursion", 10_000));
    }

    @Test
    void calleesWithoutDirectEntriesAreAwaitedAsBefore() {
        // delegates(3) sleeps 1 s, returnsThroughFinally 1 s, handMade 2 s
        assertEquals("6 -1 9 5 [finally 4] at 4.0", Rewritten.run(FusedAwaits.class, "calleesWithoutDirectEntries"));
    }

    @Test
    void aCalleeInAClassLoadedLaterInitialisesWhenTheAwaitFirstRuns() {
        assertEquals(List.of("before", "LoadedLater initialised", "got 42", "again 4"),
                Rewritten.run(FusedAwaits.class, "calleeInAClassLoadedLater"));
    }

    @Test
    void virtualAndInterfaceCalleesRunTheOverride() {
        assertEquals("... woof 024 at 2.0", Rewritten.run(FusedAwaits.class, "virtualCallees"));
    }

    @Test
    void aTaskSuspendedInsideFusedCallsShowsEachLevelAndUnwindsOnCancel() throws IOException {
        int level = line("LEVEL LINE");
        List<String> log = Rewritten.run(FusedAwaits.class, "suspendedDeepInside");
        assertEquals(List.of("level:" + line("await(sleep(10));", "static Coroutine<Integer> level("),
                "level:" + level, "level:" + level, "level:" + level,
                "cancelled 1", "cancelled 2", "cancelled 3", "task cancelled at 1.0"), log);
    }

    @Test
    void aRecursionThroughLoopsOfFusedAwaitsStaysOnABoundedStack() {
        // 2,000 levels of 150 fused calls each: a level that started its calls from a depth below its own would
        // never reach the inline depth, and the stack would overflow
        assertEquals(2_000 * (FusedLoops.SPAN + 2), (int) Rewritten.run(FusedLoops.class, "level", 2_000));
        assertEquals((3 * 10 * (FusedLoops.SPAN + 2) + 3) + " at 1.0", Rewritten.run(FusedLoops.class, "afterASuspension", 10));
    }

    /** A body reads its inline depth once before its entry switch when a fused await sits in a loop, else at the site. */
    @Test
    void aLoopOfFusedAwaitsReadsTheInlineDepthOnceAnActivation() {
        ClassNode cn = Rewritten.classNode(FusedLoops.class);
        List<Integer> inLoop = depthReads(body(cn, "level"));
        List<Integer> noLoop = depthReads(body(cn, "down"));
        if (!FUSED) {
            assertEquals(List.of(), inLoop);
            assertEquals(List.of(), noLoop);
            return;
        }
        assertEquals(List.of(0), inLoop, "the read, by method call index, of level's body");
        assertEquals(1, noLoop.size());
        assertTrue(noLoop.get(0) > 0, "down's read stays at its site: " + noLoop);
    }

    /** The frame body of {@code name}: the static method that takes its frame. */
    private static MethodNode body(ClassNode cn, String name) {
        return cn.methods.stream().filter(m -> m.name.equals(name) && m.desc.startsWith("(L" + cn.name + "$" + name + "$Coroutine;"))
                .findFirst().orElseThrow();
    }

    /** Where the body calls fusedDepth, counted in method calls from its start. */
    private static List<Integer> depthReads(MethodNode body) {
        List<Integer> at = new ArrayList<>();
        int calls = 0;
        for (AbstractInsnNode n : body.instructions) {
            if (n instanceof MethodInsnNode m) {
                if (m.name.equals("fusedDepth")) {
                    at.add(calls);
                }
                calls++;
            }
        }
        return at;
    }

    /** Which methods have a direct entry, and which awaits are fused: as designed, or none with the path off. */
    @Test
    void directEntriesAndFusedSitesAreWhereTheyCanBe() throws IOException {
        ClassNode cn = Rewritten.classNode(FusedAwaits.class);
        Set<String> entries = new TreeSet<>();
        Set<String> fusedIn = new TreeSet<>();
        for (MethodNode m : cn.methods) {
            if (m.desc.endsWith("Lorg/awaitj/Coroutine;I)Ljava/lang/Object;")) {
                entries.add(m.name);
            }
            for (AbstractInsnNode n : m.instructions) {
                if (n instanceof InvokeDynamicInsnNode indy && indy.bsm.getName().equals("link")) {
                    fusedIn.add(indy.name);
                }
            }
        }
        if (!FUSED) {
            assertEquals(Set.of(), entries);
            assertEquals(Set.of(), fusedIn);
            return;
        }
        // not: delegates (return other()), returnsThroughFinally, handMade (not @Async); the virtual ones are
        // in the nested classes (VirtualFusedAwaitTest)
        assertEquals(new TreeSet<>(List.of("awaitsItsOwnTask", "calleeInAClassLoadedLater", "calleesWithoutDirectEntries",
                "callsOneThatAwaitsItself", "catches", "greet",
                "isEven", "isOdd", "level", "maybe", "middle", "mutualRecursion", "nullReceiver", "privateCallee",
                "suspendedDeepInside", "suspendsOnSomeCalls", "thrower", "virtualCallees", "wideLocalsAroundFusedAwaits")),
                entries);
        // every await of a call is fused, static, private, virtual or interface
        assertEquals(new TreeSet<>(List.of("awaitsItsOwnTask", "delegates", "greet", "handMade", "isEven", "isOdd", "level", "maybe",
                "middle", "returnsThroughFinally", "sound", "speak", "thrower", "twice")), fusedIn);
    }

    private static int line(String marker) throws IOException {
        return line(marker, null);
    }

    /** The 1-based line of FusedAwaits.java that holds the marker (after the line that holds {@code after}). */
    private static int line(String marker, String after) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/org/awaitj/agent/shapes/FusedAwaits.java"));
        int from = 0;
        if (after != null) {
            while (!lines.get(from).contains(after)) {
                from++;
            }
        }
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + marker);
    }
}
