package org.awaitj.agent;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.awaitj.EventLoop;
import org.awaitj.agent.shapes.GeneratorRefusals;
import org.awaitj.agent.testing.RewritingClassLoader;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Load-time refusals of async generators: class, method and line, and what to do; the class still loads. */
class GeneratorRefusalsTest {
    private static final String CLASS = GeneratorRefusals.class.getName();
    private static RewritingClassLoader loader;
    private static Class<?> refusals;

    @BeforeAll
    static void load() throws ClassNotFoundException {
        loader = new RewritingClassLoader("org.awaitj.agent.shapes.");
        refusals = loader.loadClass(CLASS);
    }

    private static String problem(String method) {
        List<String> found = loader.problems.stream().filter(p -> p.contains("GeneratorRefusals." + method + "(")).toList();
        assertEquals(1, found.size(), "one report of " + method + " in " + loader.problems);
        return found.get(0);
    }

    private static String at(String marker) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/org/awaitj/agent/shapes/GeneratorRefusals.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return " at GeneratorRefusals.java:" + (i + 1);
            }
        }
        throw new AssertionError("no " + marker);
    }

    @Test
    void exactlyTheBadMethodsAreReported() {
        assertEquals(6, loader.problems.size(), loader.problems.toString());
    }

    @Test
    void emitInAMethodReturningACoroutine() throws IOException {
        String p = problem("emitInACoroutine");
        assertTrue(p.contains("cannot rewrite @Async method " + CLASS + ".emitInACoroutine()" + at("// REFUSED EMIT IN COROUTINE") + ":"), p);
        assertTrue(p.contains("only an async generator emits") && p.contains("return finish();"), p);
    }

    @Test
    void resultInAGenerator() throws IOException {
        String p = problem("resultInAGenerator");
        assertTrue(p.contains(CLASS + ".resultInAGenerator()" + at("// REFUSED RESULT IN GENERATOR") + ":"), p);
        assertTrue(p.contains("ends with 'return finish();', not result(...)"), p);
    }

    @Test
    void finishInACoroutine() throws IOException {
        String p = problem("finishInACoroutine");
        assertTrue(p.contains(CLASS + ".finishInACoroutine()" + at("// REFUSED FINISH IN COROUTINE") + ":"), p);
        assertTrue(p.contains("finish() ends an async generator"), p);
    }

    @Test
    void emitInsideASynchronizedBlock() throws IOException {
        String p = problem("emitInASynchronizedBlock");
        assertTrue(p.contains(CLASS + ".emitInASynchronizedBlock(java.lang.Object)" + at("// REFUSED EMIT IN MONITOR") + ":"), p);
        assertTrue(p.contains("emit inside a synchronized block") && p.contains("org.awaitj.sync.Lock"), p);
    }

    @Test
    void emitInsideALambdaAndInAPlainMethod() throws IOException {
        String lambda = problem("lambda$emitInALambda$0");
        assertTrue(lambda.startsWith("emit(...) cannot suspend inside a lambda, " + CLASS + ".lambda$emitInALambda$0("), lambda);
        assertTrue(lambda.contains(at("// REPORTED EMIT IN LAMBDA") + ": a lambda cannot suspend its generator"), lambda);
        String plain = problem("emitInAPlainMethod");
        assertTrue(plain.contains(CLASS + ".emitInAPlainMethod()" + at("// REPORTED EMIT IN PLAIN METHOD")
                + ", which is not an async generator"), plain);
    }

    @Test
    void refusedMethodsStayLoadableAndTheirEmitSaysWhy() throws Exception {
        // without the agent in this JVM the message says to install it; under the agent, to mark the method
        Method m = refusals.getDeclaredMethod("emitInAPlainMethod");
        m.setAccessible(true);
        Throwable e = assertThrows(InvocationTargetException.class, () -> m.invoke(null)).getCause();
        assertTrue(e instanceof IllegalStateException
                && e.getMessage().startsWith("emit(...) called outside a rewritten async generator method"), e.toString());
        Method refused = refusals.getDeclaredMethod("emitInACoroutine");
        refused.setAccessible(true);
        e = assertThrows(InvocationTargetException.class, () -> refused.invoke(null)).getCause();
        assertTrue(e instanceof IllegalStateException
                && e.getMessage().startsWith("emit(...) called outside a rewritten async generator method"), e.toString());
    }

    @Test
    void aGeneratorEndingOtherwiseThanWithFinishFailsItsConsumer() {
        Object message = Rewritten.runOnLenient(EventLoop.withVirtualTime(), refusals, "consumeReturnsNull");
        assertEquals("async generator GeneratorRefusals.returnsNull returned null: an async generator ends with "
                + "'return finish();'", message);
    }
}
