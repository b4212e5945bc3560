package org.awaitj.agent.debug;

import org.awaitj.agent.transform.Names;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Debug mode's detector of blocking calls: before each call that blocks the thread (see
 * {@link BlockingCalls}), inserts {@code CoroutineSupport.blockingCall("Thread.sleep", "Example.java:14")},
 * which reports the call when it runs on the thread of an event loop in debug mode. No JVM flag needed,
 * unlike BlockHound; a straight-line insertion, so the class's stack map frames stay valid. One of the
 * {@link CallSiteMarks}.
 */
final class BlockingCallMarker extends CallSiteMarker {
    BlockingCallMarker(ClassVisitor next) {
        super(next);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        return new MethodVisitor(Opcodes.ASM9, mv) {
            private int line = -1;
            private boolean marked;

            @Override
            public void visitLineNumber(int l, Label start) {
                line = l;
                super.visitLineNumber(l, start);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String n, String desc, boolean itf) {
                String call = BlockingCalls.describe(owner, n);
                if (call != null) {
                    super.visitLdcInsn(call);
                    super.visitLdcInsn(location(line));
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, Names.SUPPORT, Names.SUPPORT_BLOCKING_CALL,
                            Names.SUPPORT_BLOCKING_CALL_DESC, false);
                    marked = true;
                    marked();
                }
                super.visitMethodInsn(opcode, owner, n, desc, itf);
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                // the two strings; a writer that computes the maxima ignores this
                super.visitMaxs(marked ? maxStack + 2 : maxStack, maxLocals);
            }
        };
    }
}
