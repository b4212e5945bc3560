package org.awaitj.agent.transform;

import java.util.List;
import java.util.function.IntUnaryOperator;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import static org.objectweb.asm.Opcodes.*;

/** The instructions and stack map frames of the body that involve the coroutine frame, its local 0. */
final class SpillCode {
    /** The frame is local 0 of the body; every original local moves up by one. */
    static final int SHIFT = 1;

    private static final int[] LOADS = {ILOAD, LLOAD, FLOAD, DLOAD, ALOAD};
    private static final int[] STORES = {ISTORE, LSTORE, FSTORE, DSTORE, ASTORE};
    private static final int[] ZEROS = {ICONST_0, LCONST_0, FCONST_0, DCONST_0, ACONST_NULL};

    private final String frameClass;
    /** Where the frame is: local 0 of the body; a fresh local of a direct entry, which makes it at a suspension. */
    private final int frameLocal;
    /** Where an original local is in the method being emitted. */
    private final IntUnaryOperator slotOf;

    SpillCode(String frameClass) {
        this(frameClass, 0, slot -> slot + SHIFT);
    }

    SpillCode(String frameClass, int frameLocal, IntUnaryOperator slotOf) {
        this.frameClass = frameClass;
        this.frameLocal = frameLocal;
        this.slotOf = slotOf;
    }

    int frameLocal() {
        return frameLocal;
    }

    /** A full stack map frame of the body: the coroutine frame in local 0, then {@code locals}. */
    FrameNode frame(List<Object> locals, List<Object> stack) {
        Object[] l = new Object[locals.size() + 1];
        l[0] = frameClass;
        for (int i = 0; i < locals.size(); i++) {
            l[i + 1] = locals.get(i);
        }
        return new FrameNode(F_NEW, l.length, l, stack.size(), stack.toArray());
    }

    /**
     * True when a stack map frame stands at {@code first}'s offset: before any instruction from there on. A second
     * frame at one offset would corrupt the StackMapTable.
     */
    static boolean frameAt(AbstractInsnNode first) {
        for (AbstractInsnNode n = first; n != null; n = n.getNext()) {
            if (n instanceof FrameNode) {
                return true;
            }
            if (!(n instanceof LabelNode) && !(n instanceof LineNumberNode)) {
                return false;
            }
        }
        return false;
    }

    /** Stack: ..., value -> ...: the value on top goes to its field. */
    void storeTop(InsnList out, Suspension.Spill s) {
        if (s.field == null) {
            out.add(new InsnNode(s.kind == 1 || s.kind == 3 ? POP2 : POP));
            return;
        }
        out.add(new VarInsnNode(ALOAD, frameLocal));
        if (s.kind == 1 || s.kind == 3) {
            out.add(new InsnNode(DUP_X2));
            out.add(new InsnNode(POP));
        } else {
            out.add(new InsnNode(SWAP));
        }
        out.add(new FieldInsnNode(PUTFIELD, frameClass, s.field, s.fieldDesc()));
    }

    /**
     * Saves suspension {@code s} into the frame, the stack below the awaited value on the stack: the stack entries
     * (top first), the live locals and the label that resumes there. What the entry switch of the body restores.
     */
    void save(InsnList out, Suspension s) {
        for (int i = s.stack.size() - 1; i >= 0; i--) {
            storeTop(out, s.stack.get(i));
        }
        for (Suspension.Spill local : s.locals) {
            if (local.field != null) {
                storeLocal(out, local);
            }
        }
        out.add(new VarInsnNode(ALOAD, frameLocal));
        out.add(new LdcInsnNode(s.label));
        out.add(new FieldInsnNode(PUTFIELD, frameClass, "label", "I"));
    }

    /** The SUSPENDED marker, which bodies and direct entries return and awaits yield. */
    static FieldInsnNode suspended() {
        return new FieldInsnNode(GETSTATIC, Names.SUPPORT, Names.SUPPORT_SUSPENDED, "Ljava/lang/Object;");
    }

    /** A live local (at {@code slot + SHIFT} in the body) goes to its field. */
    void storeLocal(InsnList out, Suspension.Spill s) {
        out.add(new VarInsnNode(ALOAD, frameLocal));
        out.add(new VarInsnNode(LOADS[s.kind], slotOf.applyAsInt(s.slot)));
        out.add(new FieldInsnNode(PUTFIELD, frameClass, s.field, s.fieldDesc()));
    }

    /**
     * Pushes the saved value (or the null constant), cast back to its type unless its field has that type; a
     * reference field is cleared.
     */
    void push(InsnList out, Suspension.Spill s) {
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
    void restoreLocal(InsnList out, Suspension.Spill s) {
        push(out, s);
        out.add(new VarInsnNode(s.kind < 0 ? ASTORE : STORES[s.kind], s.slot + SHIFT));
    }

    /** A parameter of the original method goes into the new frame (on top of the stack) from the factory. */
    void storeParameter(InsnList out, Suspension.Spill s) {
        out.add(new InsnNode(DUP));
        out.add(new VarInsnNode(LOADS[s.kind], s.slot));
        out.add(new FieldInsnNode(PUTFIELD, frameClass, s.field, s.fieldDesc()));
    }
}
