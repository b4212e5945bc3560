package org.awaitj.agent;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.awaitj.testapp.AsyncProgram;
import org.awaitj.testapp.NotRewritten;
import org.awaitj.agent.testing.ChildJvm;
import org.awaitj.agent.transform.Names;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's ClassFileTransformer on class files it cannot rewrite: garbage, truncated, of an unsupported
 * version, or whose frame classes cannot be defined. Each is returned untouched (null), reported once on stderr,
 * and transform never throws. And a program started without the agent is told how to install it.
 */
class TransformerRobustnessTest {
    private static final byte[] MARKER = Names.ASYNC_DESC.getBytes(StandardCharsets.UTF_8);

    private final AsyncClassFileTransformer transformer = new AsyncClassFileTransformer(new ClassDefiner());
    private final ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
    };

    /** Runs the transformer (twice, the second time to check the report is not repeated) and captures stderr. */
    private String transformTwice(String className, byte[] bytes, byte[][] results) {
        return stderrOf(() -> {
            results[0] = transformer.transform(loader, className, null, null, bytes);
            results[1] = transformer.transform(loader, className, null, null, bytes);
            return null;
        });
    }

    private static String stderrOf(Supplier<Object> action) {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.get();
        } finally {
            System.setErr(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static byte[] classFile(Class<?> c) throws Exception {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    private static List<String> reports(String stderr) {
        return stderr.lines().filter(l -> l.startsWith("[awaitj]")).toList();
    }

    @Test
    void garbageWithoutTheMarkerIsReturnedUntouchedWithoutAWord() {
        byte[] garbage = new byte[4096];
        new Random(1).nextBytes(garbage);
        byte[][] results = new byte[2][];
        String err = transformTwice("some/Garbage", garbage, results);
        assertNull(results[0]);
        assertNull(results[1]);
        assertEquals("", err);
    }

    @Test
    void garbageHoldingTheAsyncMarkerIsReturnedUntouchedAndReportedOnce() {
        byte[] garbage = new byte[4096];
        new Random(2).nextBytes(garbage);
        System.arraycopy(MARKER, 0, garbage, 1000, MARKER.length);
        byte[][] results = new byte[2][];
        String err = transformTwice("some/Garbage", garbage, results);
        assertNull(results[0]);
        assertNull(results[1]);
        List<String> reports = reports(err);
        assertEquals(1, reports.size(), err);
        assertTrue(reports.get(0).contains("some.Garbage") && reports.get(0).contains("loaded as it was"), err);
    }

    @Test
    void aTruncatedClassWithAsyncMethodsIsReturnedUntouchedAndReportedOnce() throws Exception {
        byte[] whole = classFile(AsyncProgram.class);
        for (int length : new int[] {10, whole.length / 2, whole.length - 1}) {
            byte[] truncated = Arrays.copyOf(whole, length);
            if (!contains(truncated, MARKER)) {
                // cut before its constant pool names @Async: the marker appended, so the agent looks inside
                truncated = Arrays.copyOf(truncated, length + MARKER.length);
                System.arraycopy(MARKER, 0, truncated, length, MARKER.length);
            }
            byte[][] results = new byte[2][];
            String err = transformTwice("org/awaitj/testapp/AsyncProgram" + length, truncated, results);
            assertNull(results[0], "length " + length);
            assertNull(results[1], "length " + length);
            assertEquals(1, reports(err).size(), "length " + length + ": " + err);
        }
    }

    @Test
    void aClassFileOfAnUnsupportedVersionIsReturnedUntouchedAndReportedOnce() throws Exception {
        byte[] future = classFile(AsyncProgram.class);
        future[6] = 0;
        future[7] = 99;     // Java 55: no ASM reads it yet
        byte[][] results = new byte[2][];
        String err = transformTwice("org/awaitj/testapp/AsyncProgram", future, results);
        assertNull(results[0]);
        assertNull(results[1]);
        List<String> reports = reports(err);
        assertEquals(1, reports.size(), err);
        assertTrue(reports.get(0).contains("org.awaitj.testapp.AsyncProgram"), err);
    }

    @Test
    void aClassWhoseFrameClassesCannotBeDefinedIsReturnedUntouchedAndReportedOnce() throws Exception {
        ClassLoader refusing = new ClassLoader(getClass().getClassLoader()) {
        };
        byte[] bytes = classFile(AsyncProgram.class);
        // a frame class in java.lang would be a prohibited package: the definition fails with SecurityException
        byte[] renamed = rename(bytes, "org/awaitj/testapp/AsyncProgram", "java/lang/AwaitjProbe");
        byte[][] results = new byte[2][];
        String err = stderrOf(() -> {
            results[0] = transformer.transform(refusing, "java/lang/AwaitjProbe", null, null, renamed);
            results[1] = transformer.transform(refusing, "java/lang/AwaitjProbe", null, null, renamed);
            return null;
        });
        assertNull(results[0]);
        assertNull(results[1]);
        assertEquals(1, reports(err).size(), err);
        assertTrue(err.contains("java.lang.AwaitjProbe"), err);
    }

    @Test
    void aClassThatCanBeRewrittenIsRewrittenAndItsFrameClassesDefined() throws Exception {
        byte[] bytes = classFile(AsyncProgram.class);
        ClassLoader target = new ClassLoader(getClass().getClassLoader()) {
        };
        byte[][] out = new byte[1][];
        String err = stderrOf(() -> out[0] = transformer.transform(target, "org/awaitj/testapp/AsyncProgram",
                null, null, bytes));
        assertEquals("", err);
        assertNotNull(out[0]);
        assertEquals("org/awaitj/testapp/AsyncProgram", new ClassReader(out[0]).getClassName());
        assertNotNull(findLoaded(target, "org.awaitj.testapp.AsyncProgram$work$Coroutine"));
    }

    @Test
    void nullArgumentsAndTheBootstrapLoaderAreLeftAlone() throws Exception {
        byte[] bytes = classFile(AsyncProgram.class);
        assertNull(transformer.transform(null, "org/awaitj/testapp/AsyncProgram", null, null, bytes));
        assertNull(transformer.transform(loader, null, null, null, null));
        assertArrayEquals(classFile(AsyncProgram.class), bytes, "the input array is not modified");
    }

    /** Without the agent, await says how to install it: the -javaagent flag and AwaitJAgent.install(). */
    @Test
    void aProgramStartedWithoutTheAgentIsToldHowToInstallIt() {
        ChildJvm.Result r = ChildJvm.run(List.of("-cp", ChildJvm.applicationClassPath()), NotRewritten.class.getName());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("java.lang.IllegalStateException: await(...) called outside a rewritten @Async method"),
                r.toString());
        assertTrue(r.err().contains("-javaagent:awaitj-agent.jar"), r.toString());
        assertTrue(r.err().contains("org.awaitj.agent.AwaitJAgent.install()"), r.toString());
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] rename(byte[] bytes, String from, String to) {
        org.objectweb.asm.ClassWriter cw = new org.objectweb.asm.ClassWriter(0);
        new ClassReader(bytes).accept(new org.objectweb.asm.commons.ClassRemapper(cw,
                new org.objectweb.asm.commons.SimpleRemapper(from, to)), 0);
        return cw.toByteArray();
    }

    private static Class<?> findLoaded(ClassLoader loader, String name) throws Exception {
        var m = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
        m.setAccessible(true);
        return (Class<?>) m.invoke(loader, name);
    }
}
