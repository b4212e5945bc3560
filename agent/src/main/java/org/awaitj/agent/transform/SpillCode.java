package org.awaitj.agent.transform;

import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import static org.objectweb.asm.Opcodes.*;

/** The instructions that move values between the Java frame and the coroutine frame's fields. */
final class SpillCode {
    private static final int[] LOADS = {ILOAD, LLOAD, FLOAD, DLOAD, ALOAD};
    private static final int[] STORES = {ISTORE, LSTORE, FSTORE, DSTORE, ASTORE};
    private static final int[] ZEROS = {ICONST_0, LCONST_0, FCONST_0, DCONST_0, ACONST_NULL};

    private final String frameClass;

    SpillCode(String frameClass) {
        this.frameClass = frameClass;
    }

    /** Stack: ..., value -> ...: the value on top goes to its field (the frame is local 0). */
    void storeTop(InsnList out, SpillLayout.Spill s) {
        if (s.field == null) {
            out.add(new InsnNode(s.kind == 1 || s.kind == 3 ? POP2 : POP));
            return;
        }
        out.add(new VarInsnNode(ALOAD, 0));
        if (s.kind == 1 || s.kind == 3) {
            out.add(new InsnNode(DUP_X2));
            out.add(new InsnNode(POP));
        } else {
            out.add(new InsnNode(SWAP));
        }
        out.add(new FieldInsnNode(PUTFIELD, frameClass, s.field, s.fieldDesc()));
    }

    /** A live local (at {@code slot + shift} in the rewritten body) goes to its field. */
    void storeLocal(InsnList out, SpillLayout.Spill s, int shift) {
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new VarInsnNode(LOADS[s.kind], s.slot + shift));
        out.add(new FieldInsnNode(PUTFIELD, frameClass, s.field, s.fieldDesc()));
    }

    /**
     * Pushes the saved value (or the null constant), cast back to its type unless its field has that type; a
     * reference field is cleared.
     */
    void push(InsnList out, SpillLayout.Spill s) {
        if (s.field == null) {
            out.add(new InsnNode(s.kind < 0 ? ACONST_NULL : ZEROS[s.kind]));
            return;
        }
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new FieldInsnNode(GETFIELD, frameClass, s.field, s.fieldDesc()));
        if (s.kind == 4) {
            String type = (String) s.frameType;
            if (!type.equals("java/lang/Object") && !s.typedField()) {
                out.add(new TypeInsnNode(CHECKCAST, type));
            }
            // the frame must not keep the object alive while the body runs
            out.add(new VarInsnNode(ALOAD, 0));
            out.add(new InsnNode(ACONST_NULL));
            out.add(new FieldInsnNode(PUTFIELD, frameClass, s.field, s.fieldDesc()));
        }
    }

    /** Restores a local: its saved value if it was live, else a placeholder of its type (never read). */
    void restoreLocal(InsnList out, SpillLayout.Spill s, int shift) {
        push(out, s);
        out.add(new VarInsnNode(s.kind < 0 ? ASTORE : STORES[s.kind], s.slot + shift));
    }

    /** A parameter of the original method goes into the new frame (on top of the stack) from the factory. */
    void storeParameter(InsnList out, SpillLayout.Spill s) {
        out.add(new InsnNode(DUP));
        out.add(new VarInsnNode(LOADS[s.kind], s.slot));
        out.add(new FieldInsnNode(PUTFIELD, frameClass, s.field, s.fieldDesc()));
    }

}
