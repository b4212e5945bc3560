package org.awaitj.agent;

import org.awaitj.agent.testing.RewritingClassLoader;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.objectweb.asm.Opcodes.*;

/** The checks the other tests rely on really fail on broken class files: none can pass silently. */
class HarnessTest {
    @Test
    void checkClassAdapterRejectsABrokenClass() {
        // static Object broken() { iconst_0; areturn }: an int where a reference is due
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, "org/awaitj/agent/shapes/Broken", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "broken", "()Ljava/lang/Object;", null, null);
        mv.visitCode();
        mv.visitInsn(ICONST_0);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        RewritingClassLoader loader = new RewritingClassLoader("org.awaitj.agent.shapes.");
        AssertionError e = assertThrows(AssertionError.class, () -> loader.verify(cw.toByteArray()));
        assertTrue(e.getMessage().contains("CheckClassAdapter rejected org/awaitj/agent/shapes/Broken"), e.getMessage());
    }

    @Test
    void theJvmVerifierRejectsAWrongStackMapFrameOfALoadedClass() {
        // static int bad(int) whose frame at the branch target claims local 0 holds a String
        String name = "org/awaitj/agent/shapes/BadFrame";
        ClassWriter cw = new ClassWriter(0);
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "bad", "(I)I", null, null);
        mv.visitCode();
        Label target = new Label();
        mv.visitVarInsn(ILOAD, 0);
        mv.visitJumpInsn(IFEQ, target);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IRETURN);
        mv.visitLabel(target);
        mv.visitFrame(F_FULL, 1, new Object[] {"java/lang/String"}, 0, new Object[0]);
        mv.visitInsn(ICONST_0);
        mv.visitInsn(IRETURN);
        mv.visitMaxs(1, 1);
        mv.visitEnd();
        cw.visitEnd();
        RewritingClassLoader loader = new RewritingClassLoader("org.awaitj.agent.shapes.");
        loader.supply(name.replace('/', '.'), cw.toByteArray());
        assertThrows(VerifyError.class, () -> Class.forName(name.replace('/', '.'), true, loader));
    }
}
