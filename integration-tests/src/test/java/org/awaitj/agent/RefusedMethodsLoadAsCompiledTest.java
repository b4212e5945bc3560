package org.awaitj.agent;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.awaitj.agent.transform.AsyncTransformer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.objectweb.asm.Opcodes.*;

/**
 * The guard behind every refusal: a refused method goes back into the class as it was compiled. When a refused
 * method, as written back, does not verify, the agent does not gamble on the rest: the whole class loads exactly
 * as compiled (none of it rewritten), and the reason is reported once.
 */
class RefusedMethodsLoadAsCompiledTest {
    private static final String NAME = "org/awaitj/agent/shapes/Unanalysable";

    @Test
    void aRefusedMethodThatDoesNotVerifyAsWrittenBackLeavesTheWholeClassAsCompiled() {
        byte[] original = classWithAnUnanalysableMethod();
        AsyncTransformer.Result r = AsyncTransformer.transform(original);
        assertNull(r.bytes(), "the class is returned untouched");
        assertEquals(List.of(), r.generated());
        assertEquals(2, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).contains("cannot rewrite @Async method org.awaitj.agent.shapes.Unanalysable.broken()")
                && r.problems().get(0).contains("could not analyse"), r.problems().get(0));
        String guard = r.problems().get(1);
        assertTrue(guard.startsWith("could not rewrite class org.awaitj.agent.shapes.Unanalysable: @Async method "
                + "org.awaitj.agent.shapes.Unanalysable.broken()Lorg/awaitj/Coroutine; was refused, and does not verify "
                + "as written back"), guard);
        assertTrue(guard.contains("nor does it as compiled"), guard);
        assertTrue(guard.contains("The whole class was loaded exactly as it was compiled: none of its @Async methods "
                + "were rewritten"), guard);
    }

    @Test
    void theAgentReportsItOnceAndLoadsTheClassAsCompiled() {
        AsyncClassFileTransformer transformer = new AsyncClassFileTransformer(new ClassDefiner());
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
        };
        byte[] original = classWithAnUnanalysableMethod();
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        byte[] first;
        byte[] second;
        try {
            first = transformer.transform(loader, NAME, null, null, original);
            second = transformer.transform(loader, NAME, null, null, original);
        } finally {
            System.setErr(saved);
        }
        assertNull(first);
        assertNull(second);
        List<String> reports = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("[awaitj]")).toList();
        assertEquals(2, reports.size(), reports.toString());
        assertTrue(reports.get(1).contains("The whole class was loaded exactly as it was compiled"), reports.get(1));
    }

    /**
     * {@code @Async static Coroutine ok()}, which could be rewritten, and {@code @Async static Coroutine broken()},
     * whose analysis fails: it increments local 9 of a method declared to have one.
     */
    static byte[] classWithAnUnanalysableMethod() {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, NAME, null, "java/lang/Object", null);
        cw.visitSource("Unanalysable.java", null);
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "ok", "()Lorg/awaitj/Coroutine;", null, null);
        mv.visitAnnotation("Lorg/awaitj/annotations/Async;", false).visitEnd();
        mv.visitCode();
        mv.visitLdcInsn("ok");
        mv.visitMethodInsn(INVOKESTATIC, "java/util/concurrent/CompletableFuture", "completedFuture",
                "(Ljava/lang/Object;)Ljava/util/concurrent/CompletableFuture;", false);
        mv.visitMethodInsn(INVOKESTATIC, "org/awaitj/AsyncIO", "await", "(Ljava/util/concurrent/CompletionStage;)Ljava/lang/Object;", false);
        mv.visitMethodInsn(INVOKESTATIC, "org/awaitj/AsyncIO", "result", "(Ljava/lang/Object;)Lorg/awaitj/Coroutine;", false);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(1, 0);
        mv.visitEnd();

        mv = cw.visitMethod(ACC_STATIC, "broken", "()Lorg/awaitj/Coroutine;", null, null);
        mv.visitAnnotation("Lorg/awaitj/annotations/Async;", false).visitEnd();
        mv.visitCode();
        Label start = new Label();
        mv.visitLabel(start);
        mv.visitLineNumber(5, start);
        mv.visitIincInsn(9, 1);
        mv.visitLdcInsn("x");
        mv.visitMethodInsn(INVOKESTATIC, "java/util/concurrent/CompletableFuture", "completedFuture",
                "(Ljava/lang/Object;)Ljava/util/concurrent/CompletableFuture;", false);
        mv.visitMethodInsn(INVOKESTATIC, "org/awaitj/AsyncIO", "await", "(Ljava/util/concurrent/CompletionStage;)Ljava/lang/Object;", false);
        mv.visitMethodInsn(INVOKESTATIC, "org/awaitj/AsyncIO", "result", "(Ljava/lang/Object;)Lorg/awaitj/Coroutine;", false);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(1, 1);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
