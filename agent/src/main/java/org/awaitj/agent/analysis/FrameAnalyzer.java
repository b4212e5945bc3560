package org.awaitj.agent.analysis;

import java.util.List;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * The type of every local and stack slot before each instruction, computed the way the JVM's type-checking
 * verifier does: one linear pass, simulating each instruction, and taking the state at every join point from
 * the class file's stack map frame. No merge is ever computed, so no class is ever loaded.
 *
 * <p>Needs the method read with {@code ClassReader.EXPAND_FRAMES}.
 */
public final class FrameAnalyzer {
    private FrameAnalyzer() {
    }

    /** Frames before each instruction, by index in {@code m.instructions}; null where the code is unreachable. */
    public static TypedFrame[] analyze(String owner, MethodNode m) throws AnalyzerException {
        TypedInterpreter interpreter = new TypedInterpreter();
        InsnList insns = m.instructions;
        TypedFrame[] frames = new TypedFrame[insns.size()];
        TypedFrame current = initialFrame(owner, m);
        int i = 0;
        for (AbstractInsnNode insn = insns.getFirst(); insn != null; insn = insn.getNext(), i++) {
            if (insn instanceof FrameNode f) {
                current = fromFrameNode(f, m);
            }
            if (current == null) {
                continue;
            }
            frames[i] = new TypedFrame(current);
            if (insn.getOpcode() < 0) {
                continue;       // label, line number, frame
            }
            try {
                current.execute(insn, interpreter);
            } catch (AnalyzerException | RuntimeException e) {
                throw new AnalyzerException(insn, "cannot follow the types at instruction " + i + ": " + e.getMessage());
            }
            if (endsFlow(insn.getOpcode())) {
                current = null;
            }
        }
        return frames;
    }

    static boolean endsFlow(int opcode) {
        return opcode == Opcodes.GOTO || opcode == Opcodes.ATHROW || opcode == Opcodes.TABLESWITCH
                || opcode == Opcodes.LOOKUPSWITCH || (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN);
    }

    /** The implicit frame at a method's entry: the receiver and the parameters. */
    public static TypedFrame initialFrame(String owner, MethodNode m) {
        TypedInterpreter interpreter = new TypedInterpreter();
        TypedFrame f = new TypedFrame(m.maxLocals, m.maxStack);
        int slot = 0;
        if ((m.access & Opcodes.ACC_STATIC) == 0) {
            f.setLocal(slot++, interpreter.newValue(Type.getObjectType(owner)));
        }
        for (Type t : Type.getArgumentTypes(m.desc)) {
            f.setLocal(slot++, interpreter.newValue(t));
            if (t.getSize() == 2) {
                f.setLocal(slot++, BasicValue.UNINITIALIZED_VALUE);
            }
        }
        while (slot < m.maxLocals) {
            f.setLocal(slot++, BasicValue.UNINITIALIZED_VALUE);
        }
        return f;
    }

    static TypedFrame fromFrameNode(FrameNode node, MethodNode m) {
        if (node.type != Opcodes.F_NEW) {
            throw new IllegalArgumentException("frames must be expanded (ClassReader.EXPAND_FRAMES)");
        }
        TypedFrame f = new TypedFrame(m.maxLocals, m.maxStack);
        int slot = 0;
        for (Object t : node.local) {
            BasicValue v = value(t, m);
            f.setLocal(slot++, v);
            if (v.getSize() == 2) {
                f.setLocal(slot++, BasicValue.UNINITIALIZED_VALUE);
            }
        }
        while (slot < m.maxLocals) {
            f.setLocal(slot++, BasicValue.UNINITIALIZED_VALUE);
        }
        f.clearStack();
        for (Object t : node.stack) {
            f.push(value(t, m));
        }
        return f;
    }

    private static BasicValue value(Object t, MethodNode m) {
        if (t instanceof String s) {
            return new BasicValue(s.startsWith("[") ? Type.getType(s) : Type.getObjectType(s));
        }
        if (t instanceof LabelNode label) {
            AbstractInsnNode newInsn = label;
            while (newInsn != null && newInsn.getOpcode() < 0) {
                newInsn = newInsn.getNext();
            }
            if (newInsn == null || newInsn.getOpcode() != Opcodes.NEW) {
                throw new IllegalArgumentException("a stack map frame names an uninitialized object with no NEW");
            }
            return new UninitializedValue(Type.getObjectType(((org.objectweb.asm.tree.TypeInsnNode) newInsn).desc), newInsn);
        }
        if (t == Opcodes.INTEGER) {
            return BasicValue.INT_VALUE;
        }
        if (t == Opcodes.FLOAT) {
            return BasicValue.FLOAT_VALUE;
        }
        if (t == Opcodes.LONG) {
            return BasicValue.LONG_VALUE;
        }
        if (t == Opcodes.DOUBLE) {
            return BasicValue.DOUBLE_VALUE;
        }
        if (t == Opcodes.NULL) {
            return new BasicValue(TypedInterpreter.NULL);
        }
        if (t == Opcodes.TOP) {
            return BasicValue.UNINITIALIZED_VALUE;
        }
        throw new IllegalArgumentException("unsupported frame type " + t + " (uninitialized this outside a constructor?)");
    }

    /** A value as a stack map frame type: INTEGER, FLOAT, LONG, DOUBLE, NULL, TOP or an internal name. */
    public static Object frameType(BasicValue v) {
        if (v == null || v == BasicValue.UNINITIALIZED_VALUE || v.getType() == null) {
            return Opcodes.TOP;
        }
        if (v instanceof UninitializedValue) {
            throw new IllegalArgumentException("uninitialized object");
        }
        Type t = v.getType();
        switch (t.getSort()) {
            case Type.BOOLEAN: case Type.BYTE: case Type.CHAR: case Type.SHORT: case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            default:
                return isNull(v) ? Opcodes.NULL : t.getInternalName();
        }
    }

    public static boolean isNull(BasicValue v) {
        return v.getType() != null && v.getType().equals(TypedInterpreter.NULL);
    }

    /** Adds the frame types of {@code count} locals from slot 0, long and double counting as one entry. */
    public static void addLocals(TypedFrame f, int count, List<Object> out) {
        int lastNonTop = out.size();
        for (int slot = 0; slot < count; slot++) {
            BasicValue v = f.getLocal(slot);
            Object t = frameType(v);
            out.add(t);
            if (t != Opcodes.TOP) {
                lastNonTop = out.size();
            }
            if (t == Opcodes.LONG || t == Opcodes.DOUBLE) {
                slot++;
            }
        }
        while (out.size() > lastNonTop) {
            out.remove(out.size() - 1);
        }
    }
}
