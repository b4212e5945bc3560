package org.awaitj.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitj.EventLoop;
import org.awaitj.agent.fuzz.InMemoryCompiler;
import org.awaitj.agent.testing.ReleaseCompiler;
import org.awaitj.agent.testing.RewritingClassLoader;
import org.awaitj.agent.testing.Rewritten;
import org.awaitj.agent.transform.AsyncTransformer;
import org.awaitj.agent.transform.ClassHierarchy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicVerifier;
import org.objectweb.asm.util.CheckClassAdapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Class files of versions 52 (Java 8) to 69 (Java 25) are rewritten, keep their version, and run: the same
 * shapes compiled with {@code javac --release 8, 11, 17, 21, 25} (and, for 21 and 25, pattern switches over
 * records). A release newer than the running JDK's javac is compiled by another JDK's javac found on the machine
 * (JAVA25_HOME, /usr/lib/jvm); if there is none, by bumping the version of the --release 17 class files. Classes
 * the running JVM cannot load (65 and 69 on JDK 17) are checked structurally here, and loaded and run when the
 * suite runs on JDK 25, as CI does.
 */
class ClassFileVersionsTest {
    private static final String PACKAGE = "org.awaitj.agent.versions.gen";

    @ParameterizedTest(name = "javac --release {0}")
    @ValueSource(ints = {8, 11, 17, 21, 25})
    void shapesCompiledForAReleaseAreRewrittenKeepTheirVersionAndRun(int release) throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(PACKAGE + ".Java8Shapes", resource("Java8Shapes.java"));
        if (release >= 21) {
            sources.put(PACKAGE + ".Java21Shapes", resource("Java21Shapes.java"));
        }
        Map<String, byte[]> classes = ReleaseCompiler.compile(release, sources);
        if (classes == null) {
            // no javac for that release on this machine: the --release 17 classes, labelled with its version
            sources.remove(PACKAGE + ".Java21Shapes");
            classes = new InMemoryCompiler(17).compile(sources);
            classes.replaceAll((name, bytes) -> withMajorVersion(bytes, 44 + release));
        }
        int major = 44 + release;
        RewritingClassLoader loader = new RewritingClassLoader(PACKAGE + ".");
        classes.forEach(loader::supply);

        List<byte[]> outputs = new ArrayList<>();
        int rewritten = 0;
        for (var e : classes.entrySet()) {
            assertEquals(major, majorVersion(e.getValue()), e.getKey());
            AsyncTransformer.Result r = AsyncTransformer.transform(e.getValue(), new ClassHierarchy(loader));
            assertEquals(List.of(), r.problems(), e.getKey());
            if (r.changed()) {
                rewritten++;
                assertEquals(major, majorVersion(r.bytes()), "rewritten " + e.getKey());
                outputs.add(r.bytes());
                for (AsyncTransformer.GeneratedClass g : r.generated()) {
                    assertEquals(major, majorVersion(g.bytes()), g.internalName());
                    outputs.add(g.bytes());
                }
            }
        }
        assertTrue(rewritten >= 2, "the shapes' classes with @Async methods were rewritten: " + rewritten);

        if (Runtime.version().feature() >= release) {
            // CheckClassAdapter on every output class (in the loader), then the JVM's verifier, then run
            Class<?> shapes = Class.forName(PACKAGE + ".Java8Shapes", true, loader);
            assertEquals("19 3.0 A1 [boom!, finally 3, anonymous, lambda] sb 3",
                    Rewritten.runOn(EventLoop.withVirtualTime(), shapes, "everything", 2, 10L, 1.5, "a"));
            assertEquals("10 3.0 ? [no throw, finally 3, anonymous, lambda] sb 1",
                    Rewritten.runOn(EventLoop.withVirtualTime(), shapes, "everything", 0, 7L, 1.5, "z"));
            assertEquals("hi x 6", Rewritten.runOn(EventLoop.withVirtualTime(), shapes, "kinds"));
            assertEquals("inside 2 [body 1, closed]",
                    Rewritten.runOn(EventLoop.withVirtualTime(), shapes, "resources", new ArrayList<String>()));
            if (classes.containsKey(PACKAGE + ".Java21Shapes")) {
                Class<?> patterns = Class.forName(PACKAGE + ".Java21Shapes", true, loader);
                assertEquals("big circle 2.0, circle 0.5, square 6.0, text!, other",
                        Rewritten.runOn(EventLoop.withVirtualTime(), patterns, "all"));
            }
        } else {
            // this JVM cannot define them: ASM's structural check, and a verifier that needs no class loading
            for (byte[] out : outputs) {
                checkWithoutLoading(out);
            }
        }
    }

    private static void checkWithoutLoading(byte[] bytes) throws AnalyzerException {
        new ClassReader(bytes).accept(new CheckClassAdapter(new ClassWriter(0), false), 0);
        ClassNode cn = new ClassNode();
        new ClassReader(bytes).accept(cn, 0);
        for (MethodNode m : cn.methods) {
            if (m.instructions.size() > 0) {
                new Analyzer<>(new BasicVerifier()).analyze(cn.name, m);
            }
        }
    }

    static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
    }

    static byte[] withMajorVersion(byte[] classFile, int major) {
        byte[] out = classFile.clone();
        out[6] = (byte) (major >> 8);
        out[7] = (byte) major;
        return out;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ClassFileVersionsTest.class.getResourceAsStream("/versions/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
