package org.awaitj.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.ToolProvider;

import org.awaitj.EventLoop;
import org.awaitj.agent.lint.Lint;
import org.awaitj.agent.shapes.Bridges;
import org.awaitj.agent.testing.RewritingClassLoader;
import org.awaitj.agent.testing.Rewritten;
import org.awaitj.agent.transform.AsyncTransformer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An {@code @Async} method that implements a generic interface method gets a synthetic bridge from javac, with
 * the annotations copied onto it. The bridge is not a candidate: not refused (its erased return type is Object),
 * not rewritten, not given a frame class name, and not reported by lint.
 */
class BridgeMethodsTest {
    @TempDir
    Path dir;

    @Test
    void bridgesOfAsyncMethodsAreNeitherRefusedNorRewritten() throws Exception {
        RewritingClassLoader loader = new RewritingClassLoader("org.awaitj.agent.shapes.");
        Class<?> c = loader.loadClass(Bridges.class.getName());
        EventLoop loop = EventLoop.withVirtualTime();
        assertEquals("xy", Rewritten.runOnLenient(loop, c, "throughASupplier"));
        assertEquals("abab", Rewritten.runOnLenient(EventLoop.withVirtualTime(), c, "throughAGenericParameter"));
        assertEquals(List.of(), loader.problems);
        // one frame class per real method, named after it: the bridges took no name
        assertTrue(loader.generated.contains(Bridges.class.getName() + "$1$get$Coroutine"), loader.generated.toString());
        assertTrue(loader.generated.contains(Bridges.class.getName() + "$Doubler$fetch$Coroutine"), loader.generated.toString());
        assertTrue(loader.generated.stream().noneMatch(n -> n.endsWith("$Coroutine2")), loader.generated.toString());
    }

    @Test
    void theBridgeIsLeftAsJavacWroteIt() throws IOException {
        for (String nested : List.of("$1", "$Doubler")) {
            byte[] original = classFile(Bridges.class.getName() + nested);
            AsyncTransformer.Result r = AsyncTransformer.transform(original);
            assertEquals(List.of(), r.problems(), nested);
            assertEquals(1, r.generated().size(), nested);
            MethodNode before = bridge(original);
            MethodNode after = bridge(r.bytes());
            assertEquals(before.desc, after.desc);
            assertEquals(before.instructions.size(), after.instructions.size(), "the bridge's body of " + nested);
        }
    }

    @Test
    void lintDoesNotReportBridges() throws IOException {
        Path src = dir.resolve("src/bridges/P.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, String.join("\n",
                "package bridges;",
                "import java.util.function.Supplier;",
                "import org.awaitj.AsyncIO;",
                "import org.awaitj.Coroutine;",
                "import org.awaitj.annotations.Async;",
                "import static org.awaitj.AsyncIO.*;",
                "class P {",
                "    static Coroutine<String> later(String v) { return sleep(0, v); }",
                "    static String run() {",
                "        Supplier<Coroutine<String>> s = new Supplier<>() {",
                "            @Async public Coroutine<String> get() { return result(\"x\" + await(later(\"y\"))); }",
                "        };",
                "        return AsyncIO.run(s.get());",
                "    }",
                "}"));
        Path out = dir.resolve("classes");
        Files.createDirectories(out);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(), "-cp",
                System.getProperty("java.class.path"), src.toString()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean found = Lint.run(List.of(out), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("0 findings", bytes.toString(StandardCharsets.UTF_8).trim());
        assertFalse(found);
    }

    private static MethodNode bridge(byte[] classFile) {
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, 0);
        return cn.methods.stream().filter(m -> (m.access & Opcodes.ACC_BRIDGE) != 0).findFirst()
                .orElseThrow(() -> new AssertionError("no bridge in " + cn.name));
    }

    private static byte[] classFile(String name) throws IOException {
        try (InputStream in = BridgeMethodsTest.class.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
