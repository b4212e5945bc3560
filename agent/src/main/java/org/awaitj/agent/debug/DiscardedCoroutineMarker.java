package org.awaitj.agent.debug;

import org.awaitj.agent.transform.Names;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Finds {@code fetchData(3);}: a call that returns a coroutine, whose value the next instruction drops. That
 * coroutine can never be awaited, so the {@code pop} becomes
 * {@code CoroutineSupport.discarded(coroutine, "Example.java:14")}, which reports it at once, with its line,
 * in any mode (asyncio can only say so when the object is collected). Code that awaits or keeps what it
 * calls is left as it was, and pays nothing. A straight-line replacement: the stack map frames stay valid.
 */
public final class DiscardedCoroutineMarker extends ClassVisitor {
    private static final String DISCARDED_DESC = "(Ljava/lang/Object;Ljava/lang/String;)V";

    private String sourceFile;
    private boolean changed;

    private DiscardedCoroutineMarker(ClassVisitor next) {
        super(Opcodes.ASM9, next);
    }

    /** The class with its dropped coroutines marked, or null when it drops none. */
    public static byte[] mark(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        DiscardedCoroutineMarker marker = new DiscardedCoroutineMarker(writer);
        reader.accept(marker, 0);
        return marker.changed ? writer.toByteArray() : null;
    }

    @Override
    public void visitSource(String source, String debug) {
        sourceFile = source;
        super.visitSource(source, debug);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        return new Method(super.visitMethod(access, name, descriptor, signature, exceptions));
    }

    /** Remembers whether the previous instruction was a call returning a coroutine; every other one forgets it. */
    private final class Method extends MethodVisitor {
        private int line = -1;
        private boolean coroutineOnTop;
        private boolean marked;

        Method(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitLineNumber(int l, Label start) {
            line = l;
            super.visitLineNumber(l, start);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
            super.visitMethodInsn(opcode, owner, name, desc, itf);
            coroutineOnTop = Type.getReturnType(desc).getDescriptor().equals(Names.COROUTINE_DESC)
                    && !owner.equals(Names.SUPPORT) && !(owner.equals(Names.ASYNCIO) && name.equals("result"));
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.POP && coroutineOnTop) {
                coroutineOnTop = false;
                super.visitLdcInsn((sourceFile != null ? sourceFile : "?") + ":" + line);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, Names.SUPPORT, "discarded", DISCARDED_DESC, false);
                marked = true;
                changed = true;
                return;
            }
            coroutineOnTop = false;
            super.visitInsn(opcode);
        }

        @Override
        public void visitLabel(Label label) {
            coroutineOnTop = false;     // the pop may be reached from elsewhere too
            super.visitLabel(label);
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            coroutineOnTop = false;
            super.visitFrame(type, numLocal, local, numStack, stack);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            coroutineOnTop = false;
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            coroutineOnTop = false;
            super.visitVarInsn(opcode, varIndex);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            coroutineOnTop = false;
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            coroutineOnTop = false;
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... bsmArgs) {
            coroutineOnTop = false;
            super.visitInvokeDynamicInsn(name, descriptor, bsm, bsmArgs);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            coroutineOnTop = false;
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLdcInsn(Object value) {
            coroutineOnTop = false;
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            coroutineOnTop = false;
            super.visitIincInsn(varIndex, increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            coroutineOnTop = false;
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            coroutineOnTop = false;
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            coroutineOnTop = false;
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(marked ? maxStack + 1 : maxStack, maxLocals);
        }
    }
}
