package org.awaitj.agent.analysis;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/** A frame that, when a constructor runs, marks every copy of the new object initialized. */
public final class TypedFrame extends Frame<BasicValue> {
    public TypedFrame(int locals, int stack) {
        super(locals, stack);
    }

    public TypedFrame(TypedFrame other) {
        super(other);
    }

    @Override
    public void execute(AbstractInsnNode insn, Interpreter<BasicValue> interpreter) throws AnalyzerException {
        if (insn.getOpcode() == Opcodes.INVOKESPECIAL && ((MethodInsnNode) insn).name.equals("<init>")) {
            int args = Type.getArgumentTypes(((MethodInsnNode) insn).desc).length;
            BasicValue receiver = getStack(getStackSize() - 1 - args);
            super.execute(insn, interpreter);
            if (receiver instanceof UninitializedValue) {
                BasicValue done = new BasicValue(receiver.getType());
                for (int i = 0; i < getLocals(); i++) {
                    if (receiver.equals(getLocal(i))) {
                        setLocal(i, done);
                    }
                }
                for (int i = 0; i < getStackSize(); i++) {
                    if (receiver.equals(getStack(i))) {
                        setStack(i, done);
                    }
                }
            }
            return;
        }
        super.execute(insn, interpreter);
    }
}
