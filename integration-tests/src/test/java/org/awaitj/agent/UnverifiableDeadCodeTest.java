package org.awaitj.agent;

import org.awaitj.EventLoop;
import org.awaitj.agent.testing.RewritingClassLoader;
import org.awaitj.agent.testing.Rewritten;
import org.awaitj.agent.transform.AsyncTransformer;
import org.awaitj.agent.transform.ClassHierarchy;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.objectweb.asm.Opcodes.*;

/**
 * Dead code the JVM's verifier rejects, in an {@code @Async} method: the analysis (linear, as the verifier's)
 * used to fail on it, and the method was refused. It is replaced by {@code athrow}, and the method rewritten.
 */
class UnverifiableDeadCodeTest {
    private static final String PACKAGE = "org.awaitj.agent.deadcode";

    /**
     * Fuzz seed 200036, reduced: JDK 17's javac compiles a switch expression that only a constant-false pattern
     * match would select into garbage ({@code dstore 167} in a method of six locals), which its own class does
     * not survive (VerifyError without the agent). The class file is javac 17.0.15's, kept as it was (later
     * javac emits sound code); its source is beside it.
     */
    @Test
    void javacsDeadCodeAfterAConstantFalsePatternMatchIsReplacedAndTheMethodRewritten() throws Exception {
        byte[] bytes;
        try (var in = getClass().getResourceAsStream("/deadcode/DeadPattern.class")) {
            bytes = in.readAllBytes();
        }
        String name = PACKAGE + ".DeadPattern";
        RewritingClassLoader loader = new RewritingClassLoader(PACKAGE + ".");
        loader.supply(name, bytes);
        AsyncTransformer.Result r = AsyncTransformer.transform(bytes, new ClassHierarchy(loader));
        assertEquals(java.util.List.of(), r.problems());
        Class<?> c = loader.loadClass(name);
        assertEquals("o362false!", Rewritten.runOn(EventLoop.withVirtualTime(), c, "run", 1));
        Exception e = assertThrows(Exception.class, () -> Rewritten.runOn(EventLoop.withVirtualTime(), c, "run", 0));
        assertEquals("c3", e.getMessage());
    }

    /**
     * Found by the long fuzz run: replacing dead catch blocks left their local variable table entries, whose
     * labels then shared one offset; two of them for one local (assigned on two branches) made the class a
     * duplicate entry the JVM rejects (ClassFormatError).
     */
    @Test
    void deadCatchBlocksAreReplacedWithoutTheirLocalsEntries() {
        assertEquals("done", Rewritten.run(org.awaitj.agent.shapes.DeadHandlers.class, "catchBlocksOfABodyThatOnlyBreaks"));
    }

    /** The same garbage written by hand, so that the test does not depend on a javac bug. */
    @Test
    void deadCodeWithALocalPastTheLastIsReplaced() throws Exception {
        String name = PACKAGE.replace('.', '/') + "/Garbage";
        byte[] bytes = garbageAfterAGoto(name);
        RewritingClassLoader loader = new RewritingClassLoader(PACKAGE + ".");
        loader.supply(name.replace('/', '.'), bytes);
        AsyncTransformer.Result r = AsyncTransformer.transform(bytes, new ClassHierarchy(loader));
        assertEquals(java.util.List.of(), r.problems());
        Class<?> c = loader.loadClass(name.replace('/', '.'));
        assertEquals("xy", Rewritten.runOn(EventLoop.withVirtualTime(), c, "garbage"));
    }

    /**
     * {@code @Async static Coroutine garbage()}: {@code s = await(later("x")); goto L; [frame] iinc 167 1;
     * aload 5; goto L; L: [frame] return result(s + await(later("y")))}, in a method of one local.
     */
    static byte[] garbageAfterAGoto(String name) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", null);
        cw.visitSource("Garbage.java", null);
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "later", "(Ljava/lang/Object;)Lorg/awaitj/Coroutine;", null, null);
        mv.visitCode();
        mv.visitInsn(DCONST_1);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESTATIC, "org/awaitj/AsyncIO", "sleep", "(DLjava/lang/Object;)Lorg/awaitj/Coroutine;", false);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(3, 1);
        mv.visitEnd();

        mv = cw.visitMethod(ACC_STATIC, "garbage", "()Lorg/awaitj/Coroutine;", null, null);
        mv.visitAnnotation("Lorg/awaitj/annotations/Async;", false).visitEnd();
        mv.visitCode();
        Label start = new Label();
        mv.visitLabel(start);
        mv.visitLineNumber(3, start);
        mv.visitLdcInsn("x");
        mv.visitMethodInsn(INVOKESTATIC, name, "later", "(Ljava/lang/Object;)Lorg/awaitj/Coroutine;", false);
        mv.visitMethodInsn(INVOKESTATIC, "org/awaitj/AsyncIO", "await", "(Lorg/awaitj/Awaitable;)Ljava/lang/Object;", false);
        mv.visitTypeInsn(CHECKCAST, "java/lang/String");
        mv.visitVarInsn(ASTORE, 0);
        Label join = new Label();
        mv.visitJumpInsn(GOTO, join);
        mv.visitFrame(F_NEW, 1, new Object[] {"java/lang/String"}, 0, new Object[0]);
        mv.visitIincInsn(167, 1);
        mv.visitVarInsn(ALOAD, 5);
        mv.visitJumpInsn(GOTO, join);
        mv.visitLabel(join);
        mv.visitFrame(F_NEW, 1, new Object[] {"java/lang/String"}, 0, new Object[0]);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitLdcInsn("y");
        mv.visitMethodInsn(INVOKESTATIC, name, "later", "(Ljava/lang/Object;)Lorg/awaitj/Coroutine;", false);
        mv.visitMethodInsn(INVOKESTATIC, "org/awaitj/AsyncIO", "await", "(Lorg/awaitj/Awaitable;)Ljava/lang/Object;", false);
        mv.visitTypeInsn(CHECKCAST, "java/lang/String");
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;", false);
        mv.visitMethodInsn(INVOKESTATIC, "org/awaitj/AsyncIO", "result", "(Ljava/lang/Object;)Lorg/awaitj/Coroutine;", false);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(2, 1);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
