package org.awaitj.agent.debug;

import org.awaitj.agent.transform.Names;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Marks where the coroutine a call returns goes, when that is not an await, in any mode, so that a coroutine
 * never awaited is reported without the collector's help:
 * <ul>
 * <li>dropped at once ({@code fetchData(3);}): the {@code pop} becomes
 * {@code CoroutineSupport.discarded(coroutine, "Example.java:14")}, reported there and then;</li>
 * <li>stored in a local or a field ({@code Coroutine<String> c = fetchData(3);}):
 * {@code CoroutineSupport.kept(coroutine, "Example.java:14")} is called on a copy first, and the loop reports it
 * when it closes if nothing started it by then.</li>
 * </ul>
 * Awaits and every other use are left as they were and pay nothing: calls that hand the coroutine to the runtime
 * ({@code createTask(fetchData(3))}), and, for gather's sake, array elements and arguments of other methods
 * ({@code coros.add(fetchData(i))}), which debug mode follows instead. Only the instruction right after the call
 * is looked at; the code planted is straight-line, so the stack map frames stay valid. One of the
 * {@link CallSiteMarks}.
 */
final class UnawaitedCoroutineMarker extends CallSiteMarker {
    UnawaitedCoroutineMarker(ClassVisitor next) {
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

    /** Acts on the instruction that directly follows a call returning a coroutine (no label between: nothing else reaches it). */
    private final class Method extends MethodVisitor {
        private int line = -1;
        private boolean afterCoroutineCall;
        /** The stack the marks add: the location (a drop), or a copy of the coroutine and the location (a keep). */
        private int extraStack;

        Method(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        /** The next instruction keeps the coroutine on top of the stack: note where, on a copy. */
        private void keptBy(boolean keeps) {
            if (afterCoroutineCall && keeps) {
                super.visitInsn(Opcodes.DUP);
                super.visitLdcInsn(location(line));
                super.visitMethodInsn(Opcodes.INVOKESTATIC, Names.SUPPORT, Names.SUPPORT_KEPT,
                        Names.SUPPORT_MARK_DESC, false);
                extraStack = 2;
                marked();
            }
            afterCoroutineCall = false;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
            afterCoroutineCall = false;
            super.visitMethodInsn(opcode, owner, name, desc, itf);
            afterCoroutineCall = returnsCoroutine(owner, name, desc);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.POP && afterCoroutineCall) {
                super.visitLdcInsn(location(line));
                super.visitMethodInsn(Opcodes.INVOKESTATIC, Names.SUPPORT, Names.SUPPORT_DISCARDED,
                        Names.SUPPORT_MARK_DESC, false);
                extraStack = Math.max(extraStack, 1);
                marked();
                afterCoroutineCall = false;
                return;
            }
            afterCoroutineCall = false;
            super.visitInsn(opcode);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            keptBy(opcode == Opcodes.ASTORE);
            super.visitVarInsn(opcode, varIndex);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            keptBy(opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC);
            super.visitFieldInsn(opcode, owner, name, descriptor);
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
        public void visitTypeInsn(int opcode, String type) {
            afterCoroutineCall = false;
            super.visitTypeInsn(opcode, type);
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
            // a writer that computes the maxima ignores this
            super.visitMaxs(maxStack + extraStack, maxLocals);
        }
    }
}
