package org.awaitj.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.awaitj.EventLoop;
import org.awaitj.agent.shapes.Basics;
import org.awaitj.agent.shapes.Regressions;
import org.awaitj.agent.testing.ChildJvm;
import org.awaitj.agent.testing.RewritingClassLoader;
import org.awaitj.agent.testing.Rewritten;
import org.awaitj.testapp.OtherAgent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shapes as another agent left them before awaitj sees them (OtherAgent: a field added to every class and a
 * call at the start of every method; with frames recomputed by ASM, whose frames differ from javac's). The
 * rewritten classes pass CheckClassAdapter and the JVM's verifier, and compute what they compute untouched.
 * (OtherAgentIT does the same with both agents installed in a JVM.)
 */
class ChangedByAnotherAgentTest {
    private static Object run(Class<?> c, String method, Object... args) {
        return Rewritten.runOn(EventLoop.withVirtualTime(), c, method, args);
    }

    @ParameterizedTest(name = "frames recomputed: {0}")
    @ValueSource(booleans = {false, true})
    void shapesAnotherAgentChangedFirstAreRewrittenAndRunAsBefore(boolean recomputeFrames) throws Exception {
        RewritingClassLoader loader = new RewritingClassLoader("org.awaitj.agent.shapes.");
        Path root = Path.of(ChildJvm.locationOf(Basics.class));
        try (Stream<Path> files = Files.list(root.resolve("org/awaitj/agent/shapes"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                loader.supply(name, OtherAgent.instrument(read(f), recomputeFrames));
            }
        }
        int entries = OtherAgent.ENTRIES.get();
        Class<?> basics = loader.loadClass(Basics.class.getName());
        assertEquals(42, run(basics, "constant"));
        assertEquals(5, run(basics, "addAfterSleep", 2, 3));
        assertEquals("true 7 c -3 11 1099511627776 1.5 2.25 s! 12",
                run(basics, "everyType", true, (byte) 7, 'c', (short) -3, 11, 1L << 40, 1.5f, 2.25, "s"));
        assertEquals(3 * 13, run(basics, "nested"));
        Class<?> regressions = loader.loadClass(Regressions.class.getName());
        assertEquals("Box[value=Box[value=Box[value=x]]]", run(regressions, "nestedConstructors"));
        assertEquals("y", run(regressions, "awaitEndsAConditionalBranch", false));
        assertEquals("Box[value=failed]", run(regressions, "objectUnderConstructionInALocal", true));
        assertTrue(basics.getDeclaredField("otherAgentWasHere") != null);
        assertTrue(OtherAgent.ENTRIES.get() > entries, "the other agent's calls ran");
    }

    private static byte[] read(Path f) throws IOException {
        return Files.readAllBytes(f);
    }
}
