package org.awaitj.agent.transform;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.agent.analysis.ControlFlow;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

import static org.objectweb.asm.Opcodes.*;

/**
 * Reads the inline depth of a body once an activation when a fused await sits in a loop. A fused site passes its
 * callee the depth that direct calls from the frame's body start at ({@code fusedDepth(frame)}: the frame's task,
 * the task's loop, a field of the loop: three dependent loads). That depth does not change from the body's
 * entry until it suspends or returns, since every inline await restores it, so a loop of fused awaits (reading
 * lines, calling a method per item) reads it into a fresh local before the entry switch and loads the local at
 * each site. Every stack map frame of the body is given the local. A body without such a loop keeps the read at
 * its site, where a resumption that takes another path pays nothing for it.
 */
final class InlineDepthHoister {
    private InlineDepthHoister() {
    }

    static void apply(MethodNode body) {
        List<MethodInsnNode> reads = depthReads(body);
        if (reads.isEmpty() || !anyInALoop(body, reads) || !allFramesExpanded(body)) {
            return;
        }
        int slot = freeSlot(body);
        InsnList insns = body.instructions;
        for (MethodInsnNode read : reads) {
            insns.remove(read.getPrevious());       // the frame it read the depth from
            insns.set(read, new VarInsnNode(ILOAD, slot));
        }
        for (AbstractInsnNode n : insns) {
            if (n instanceof FrameNode f) {
                f.local = withInt(f.local, slot);
            }
        }
        InsnList prologue = new InsnList();
        prologue.add(new VarInsnNode(ALOAD, 0));
        prologue.add(depthRead());
        prologue.add(new VarInsnNode(ISTORE, slot));
        insns.insert(prologue);     // before the first label: outside every handler's range
        body.maxLocals = Math.max(body.maxLocals, slot + 1);
    }

    private static MethodInsnNode depthRead() {
        return new MethodInsnNode(INVOKESTATIC, Names.SUPPORT, Names.SUPPORT_FUSED_DEPTH, Names.SUPPORT_FUSED_DEPTH_DESC, false);
    }

    /** The sites' {@code aload 0; invokestatic fusedDepth}, as {@link AwaitRewriter} emits them. */
    private static List<MethodInsnNode> depthReads(MethodNode body) {
        List<MethodInsnNode> reads = new ArrayList<>();
        for (AbstractInsnNode n : body.instructions) {
            if (n instanceof MethodInsnNode m && m.getOpcode() == INVOKESTATIC && m.owner.equals(Names.SUPPORT)
                    && m.name.equals(Names.SUPPORT_FUSED_DEPTH) && m.getPrevious() instanceof VarInsnNode v
                    && v.getOpcode() == ALOAD && v.var == 0) {
                reads.add(m);
            }
        }
        return reads;
    }

    /** Whether one of the reads can run again before the body returns or suspends: it is on a loop. */
    private static boolean anyInALoop(MethodNode body, List<MethodInsnNode> reads) {
        ControlFlow cfg = ControlFlow.of(body);
        for (MethodInsnNode read : reads) {
            if (cfg.onACycle(body.instructions.indexOf(read))) {
                return true;
            }
        }
        return false;
    }

    /** The rewriter works on expanded frames only; any other kind and the body stays as it is. */
    private static boolean allFramesExpanded(MethodNode body) {
        for (AbstractInsnNode n : body.instructions) {
            if (n instanceof FrameNode f && f.type != F_NEW) {
                return false;
            }
        }
        return true;
    }

    /** The first slot above every local the body uses, its parameters and its frames' locals. */
    private static int freeSlot(MethodNode body) {
        int max = (Type.getArgumentsAndReturnSizes(body.desc) >> 2) - 1;     // the count has a receiver: the body has none
        for (AbstractInsnNode n : body.instructions) {
            if (n instanceof VarInsnNode v) {
                boolean wide = v.getOpcode() == LLOAD || v.getOpcode() == DLOAD || v.getOpcode() == LSTORE
                        || v.getOpcode() == DSTORE;
                max = Math.max(max, v.var + (wide ? 2 : 1));
            } else if (n instanceof IincInsnNode inc) {
                max = Math.max(max, inc.var + 1);
            } else if (n instanceof FrameNode f) {
                max = Math.max(max, slots(f.local));
            }
        }
        return Math.max(max, body.maxLocals);
    }

    private static int slots(List<Object> locals) {
        int n = 0;
        for (Object l : locals) {
            n += l == LONG || l == DOUBLE ? 2 : 1;
        }
        return n;
    }

    /** A frame's locals with an int at {@code slot}: the slots between, unnamed by the frame, stay unusable (TOP). */
    private static List<Object> withInt(List<Object> locals, int slot) {
        List<Object> l = new ArrayList<>(locals);
        for (int n = slots(l); n < slot; n++) {
            l.add(TOP);
        }
        l.add(INTEGER);
        return l;
    }
}
