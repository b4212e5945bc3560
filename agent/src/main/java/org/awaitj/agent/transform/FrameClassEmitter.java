package org.awaitj.agent.transform;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import static org.objectweb.asm.Opcodes.*;

/**
 * Emits the frame class of one {@code @Async} method: a {@code Coroutine} subclass with the resume label and
 * one typed field per spilled value, whose {@code invokeSuspend} calls the body in the declaring class (for an
 * async generator: a {@code GeneratorFrame} subclass, whose {@code invokeBody} does). It is
 * defined beside that class (same loader and package), so the body reaches its fields by package access.
 */
final class FrameClassEmitter {
    private FrameClassEmitter() {
    }

    static byte[] emit(MethodPlan plan) {
        MethodContext ctx = plan.ctx;
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";      // never load classes from inside a class file transformer
            }
        };
        int version = Math.max(ctx.owner.version & 0xFFFF, V1_8);
        String superName = ctx.generator ? Names.GENERATOR_FRAME : Names.COROUTINE;
        cw.visit(version, ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC, ctx.frameClass, null, superName, null);
        if (ctx.owner.sourceFile != null) {
            cw.visitSource(ctx.owner.sourceFile, null);
        }
        cw.visitField(0, "label", "I", null, null).visitEnd();
        for (MethodPlan.Field f : plan.fields) {
            cw.visitField(0, f.name(), f.desc(), null, null).visitEnd();
        }

        MethodVisitor mv = cw.visitMethod(0, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, superName, "<init>", "()V", false);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        String entry = ctx.generator ? Names.GENERATOR_INVOKE_BODY : Names.COROUTINE_INVOKE_SUSPEND;
        mv = cw.visitMethod(ACC_PROTECTED, entry, "()Ljava/lang/Object;", null, null);
        mv.visitCode();
        int firstLine = plan.entry().line;
        if (firstLine > 0) {
            // the method's first line, so that no stack trace holds a frame without one
            Label start = new Label();
            mv.visitLabel(start);
            mv.visitLineNumber(firstLine, start);
        }
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESTATIC, ctx.owner.name, ctx.method.name, plan.bodyDesc(), ctx.ownerIsInterface());
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        mv = cw.visitMethod(ACC_PROTECTED, Names.COROUTINE_DESCRIBE, "()Ljava/lang/String;", null, null);
        mv.visitCode();
        mv.visitLdcInsn(ctx.shortName());
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        mv = cw.visitMethod(ACC_PROTECTED, Names.COROUTINE_STACK_TRACE_ELEMENT, "()Ljava/lang/StackTraceElement;", null, null);
        mv.visitCode();
        mv.visitTypeInsn(NEW, "java/lang/StackTraceElement");
        mv.visitInsn(DUP);
        mv.visitLdcInsn(ctx.owner.name.replace('/', '.'));
        mv.visitLdcInsn(ctx.method.name);
        if (ctx.owner.sourceFile != null) {
            mv.visitLdcInsn(ctx.owner.sourceFile);
        } else {
            mv.visitInsn(ACONST_NULL);
        }
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, ctx.frameClass, "label", "I");
        mv.visitMethodInsn(INVOKESTATIC, ctx.frameClass, "lineOf", "(I)I", false);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/StackTraceElement", "<init>",
                "(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;I)V", false);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        // the source line of the await each label resumes after
        mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, "lineOf", "(I)I", null, null);
        mv.visitCode();
        Label dflt = new Label();
        Label[] cases = new Label[plan.suspensions.size()];
        for (int i = 0; i < cases.length; i++) {
            cases[i] = new Label();
        }
        mv.visitVarInsn(ILOAD, 0);
        mv.visitTableSwitchInsn(0, cases.length - 1, dflt, cases);
        for (Suspension s : plan.suspensions) {
            mv.visitLabel(cases[s.label]);
            mv.visitLdcInsn(s.line);
            mv.visitInsn(IRETURN);
        }
        mv.visitLabel(dflt);
        mv.visitInsn(ICONST_M1);
        mv.visitInsn(IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        cw.visitEnd();
        return cw.toByteArray();
    }
}
