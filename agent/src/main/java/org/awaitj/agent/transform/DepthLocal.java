package org.awaitj.agent.transform;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

import static org.objectweb.asm.Opcodes.*;

/**
 * The last pass of a body with fused awaits: reads the inline depth that its fused calls pass on once, when the
 * body is entered, into a local of its own (the body runs at one depth from entry until it suspends or returns),
 * instead of at every call: {@code aload frame; invokestatic fusedDepth} becomes {@code iload depth}. Every stack
 * map frame of the body gains the local, which is set before the entry switch and never changes.
 */
final class DepthLocal {
    private DepthLocal() {
    }

    static void apply(MethodNode body) {
        List<MethodInsnNode> reads = new ArrayList<>();
        for (AbstractInsnNode n = body.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof MethodInsnNode m && m.owner.equals(Names.SUPPORT) && m.name.equals(Names.SUPPORT_FUSED_DEPTH)
                    && m.getPrevious() instanceof VarInsnNode v && v.getOpcode() == ALOAD && v.var == 0) {
                reads.add(m);
            }
        }
        if (reads.isEmpty()) {
            return;
        }
        int depth = body.maxLocals++;
        InsnList insns = body.instructions;
        for (MethodInsnNode read : reads) {
            insns.remove(read.getPrevious());
            insns.set(read, new VarInsnNode(ILOAD, depth));
        }
        for (AbstractInsnNode n = insns.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof FrameNode f) {
                f.local = withDepth(f.local, depth);
            }
        }
        InsnList entry = new InsnList();
        entry.add(new VarInsnNode(ALOAD, 0));
        entry.add(new MethodInsnNode(INVOKESTATIC, Names.SUPPORT, Names.SUPPORT_FUSED_DEPTH, Names.SUPPORT_FUSED_DEPTH_DESC,
                false));
        entry.add(new VarInsnNode(ISTORE, depth));
        insns.insert(entry);
    }

    /** The frame's locals, padded with TOP up to the depth's slot, then the depth. */
    private static List<Object> withDepth(List<Object> locals, int depth) {
        List<Object> out = new ArrayList<>(locals);
        int slot = 0;
        for (Object t : locals) {
            slot += t == Opcodes.LONG || t == Opcodes.DOUBLE ? 2 : 1;
        }
        for (; slot < depth; slot++) {
            out.add(Opcodes.TOP);
        }
        out.add(Opcodes.INTEGER);
        return out;
    }
}
