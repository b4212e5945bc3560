package org.awaitj.agent.debug;

import org.awaitj.agent.transform.Names;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Finds {@code fetchData(3);}: a call that returns a coroutine, whose value the very next instruction drops.
 * That coroutine can never be awaited, so the {@code pop} becomes
 * {@code CoroutineSupport.discarded(coroutine, "Example.java:14")}, which reports it at once, with its line,
 * in any mode (asyncio can only say so when the object is collected). Code that awaits or keeps what it
 * calls is left as it was, and pays nothing. The replacement is straight-line code of the same stack effect
 * plus one slot, so the stack map frames stay valid. One of the {@link CallSiteMarks}.
 */
final class DiscardedCoroutineMarker extends CallSiteMarker {
    DiscardedCoroutineMarker(ClassVisitor next) {
        super(next);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        return new Method(super.visitMethod(access, name, descriptor, signature, exceptions));
    }

    private static boolean returnsCoroutine(String owner, String name, String desc) {
        return Type.getReturnType(desc).getDescriptor().equals(Names.COROUTINE_DESC) && !owner.equals(Names.SUPPORT)
                && !(owner.equals(Names.ASYNCIO) && name.equals(Names.RESULT));
    }

    /** Replaces a {@code pop} that directly follows a call returning a coroutine (no label between: nothing else reaches it). */
    private final class Method extends MethodVisitor {
        private int line = -1;
        private boolean afterCoroutineCall;
        private boolean marked;

        Method(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
            super.visitMethodInsn(opcode, owner, name, desc, itf);
            afterCoroutineCall = returnsCoroutine(owner, name, desc);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.POP && afterCoroutineCall) {
                super.visitLdcInsn(location(line));
                super.visitMethodInsn(Opcodes.INVOKESTATIC, Names.SUPPORT, Names.SUPPORT_DISCARDED,
                        Names.SUPPORT_DISCARDED_DESC, false);
                marked = true;
                marked();
            } else {
                super.visitInsn(opcode);
            }
            afterCoroutineCall = false;
        }

        @Override
        public void visitLineNumber(int l, Label start) {
            line = l;
            super.visitLineNumber(l, start);
        }

        @Override
        public void visitLabel(Label label) {
            afterCoroutineCall = false;
            super.visitLabel(label);
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            afterCoroutineCall = false;
            super.visitFrame(type, numLocal, local, numStack, stack);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            afterCoroutineCall = false;
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            afterCoroutineCall = false;
            super.visitVarInsn(opcode, varIndex);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            afterCoroutineCall = false;
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            afterCoroutineCall = false;
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            afterCoroutineCall = false;
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            afterCoroutineCall = false;
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLdcInsn(Object value) {
            afterCoroutineCall = false;
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            afterCoroutineCall = false;
            super.visitIincInsn(varIndex, increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            afterCoroutineCall = false;
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            afterCoroutineCall = false;
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            afterCoroutineCall = false;
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            // the location string; a writer that computes the maxima ignores this
            super.visitMaxs(marked ? maxStack + 1 : maxStack, maxLocals);
        }
    }
}
