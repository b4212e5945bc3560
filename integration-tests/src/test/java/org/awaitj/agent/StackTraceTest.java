package org.awaitj.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.awaitj.AsyncIO;
import org.awaitj.EventLoop;
import org.awaitj.Task;
import org.awaitj.agent.shapes.Lifecycle;
import org.awaitj.agent.shapes.Loops;
import org.awaitj.agent.testing.RewritingClassLoader;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackTraceTest {
    @Test
    void anExceptionAfterAResumeNamesTheAsyncMethodAndItsSourceLine() throws IOException {
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> Rewritten.run(Lifecycle.class, "failsAfterResume", (Object) new int[] {0}));
        int line = lineOf("Lifecycle.java", "// THROW LINE");
        assertTrue(Arrays.stream(e.getStackTrace()).anyMatch(el -> el.getClassName().equals("org.awaitj.agent.shapes.Lifecycle")
                        && el.getMethodName().equals("failsAfterResume") && el.getLineNumber() == line
                        && "Lifecycle.java".equals(el.getFileName())),
                "no Lifecycle.failsAfterResume(Lifecycle.java:" + line + ") in " + Arrays.toString(e.getStackTrace()));
    }

    /** The 1-based line of the shape's source that holds the marker. */
    private static int lineOf(String file, String marker) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/org/awaitj/agent/shapes", file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + marker + " in " + file);
    }

    @Test
    void aSuspendedTaskShowsItsAwaitChainWithLines() throws IOException {
        EventLoop loop = EventLoop.withVirtualTime();
        try {
            Task<?> t = loop.createTask(Rewritten.call(Rewritten.load(Lifecycle.class), "outer"));
            loop.runUntilComplete(AsyncIO.sleep(0.5));
            List<String> chain = Arrays.stream(t.getStack())
                    .filter(e -> e.getClassName().equals("org.awaitj.agent.shapes.Lifecycle"))
                    .map(e -> e.getMethodName() + ":" + e.getFileName() + ":" + e.getLineNumber()).toList();
            assertEquals(List.of("inner:Lifecycle.java:" + lineOf("Lifecycle.java", "// INNER AWAIT"),
                    "outer:Lifecycle.java:" + lineOf("Lifecycle.java", "// OUTER AWAIT")), chain);
            assertEquals(2, loop.runUntilComplete(t));
        } finally {
            loop.close();
        }
    }

    @Test
    void classesCompiledWithoutDebugInformationAreRewrittenToo() throws Exception {
        byte[] bytes;
        try (var in = Loops.class.getResourceAsStream("Loops.class")) {
            bytes = in.readAllBytes();
        }
        ClassWriter cw = new ClassWriter(0);
        new ClassReader(bytes).accept(cw, ClassReader.SKIP_DEBUG);      // no lines, no local names, no source file
        RewritingClassLoader loader = new RewritingClassLoader("org.awaitj.agent.shapes.");
        loader.supply(Loops.class.getName(), cw.toByteArray());
        Class<?> c = loader.loadClass(Loops.class.getName());
        assertEquals(List.of("0:0", "1:1", "2:3"), Rewritten.runOn(EventLoop.withVirtualTime(), c, "forLoop", 3));
        assertEquals("A;B;", Rewritten.runOn(EventLoop.withVirtualTime(), c, "forEachList", List.of("a", "b")));
    }
}
