package org.awaitj.agent.transform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.awaitj.agent.analysis.ControlFlow;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Keeps the debugger from showing made-up values. A local that is dead at a suspension point is not saved; on
 * resumption its slot gets a placeholder (0, or null) that the program never reads. The local variable table
 * still names the slot there, so a debugger would show the placeholder as the local's value. This pass cuts
 * each table entry out of the instructions where its slot may hold a placeholder (reachable from a resumption
 * without a store to it): there the local is dead, and now not shown, rather than shown wrong.
 */
final class DeadLocalRanges {
    private DeadLocalRanges() {
    }

    static void apply(MethodNode body, MethodPlan plan) {
        if (body.localVariables == null || body.localVariables.isEmpty()) {
            return;
        }
        InsnList insns = body.instructions;
        ControlFlow cfg = ControlFlow.of(body);
        int n = cfg.nodes.length;
        BitSet[] in = new BitSet[n];
        ArrayDeque<Integer> work = new ArrayDeque<>();
        for (Suspension s : plan.suspensions) {
            BitSet gen = new BitSet();
            for (Suspension.Spill local : s.locals) {
                if (local.field == null && local.kind >= 0) {
                    gen.set(local.slot + SpillCode.SHIFT);
                }
            }
            if (!gen.isEmpty()) {
                int at = insns.indexOf(s.resume);
                in[at] = in[at] == null ? gen : or(in[at], gen);
                work.add(at);
            }
        }
        if (work.isEmpty()) {
            return;
        }
        while (!work.isEmpty()) {
            int i = work.poll();
            BitSet out = (BitSet) in[i].clone();
            if (cfg.nodes[i] instanceof VarInsnNode v && v.getOpcode() >= Opcodes.ISTORE && v.getOpcode() <= Opcodes.ASTORE) {
                out.clear(v.var);
            }
            for (int succ : cfg.allSuccessors(i)) {
                if (in[succ] == null) {
                    in[succ] = (BitSet) out.clone();
                    work.add(succ);
                } else if (!contains(in[succ], out)) {
                    in[succ].or(out);
                    work.add(succ);
                }
            }
        }
        // indexes into cfg.nodes: the labels inserted below do not shift them
        java.util.Map<AbstractInsnNode, Integer> index = new java.util.IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(cfg.nodes[i], i);
        }
        List<LocalVariableNode> kept = new ArrayList<>();
        for (LocalVariableNode lv : body.localVariables) {
            int from = index.get(lv.start);
            int to = index.get(lv.end);
            LabelNode open = null;
            boolean changed = false;
            List<LocalVariableNode> pieces = new ArrayList<>();
            for (int i = from; i <= to; i++) {
                boolean placeholder = i < to && in[i] != null && in[i].get(lv.index);
                changed |= placeholder;
                if (i == to || placeholder) {
                    if (open != null) {
                        pieces.add(new LocalVariableNode(lv.name, lv.desc, lv.signature, open, labelAt(insns, cfg, i, lv.end, to), lv.index));
                        open = null;
                    }
                } else if (open == null) {
                    open = i == from ? lv.start : labelAt(insns, cfg, i, null, to);
                }
            }
            if (changed) {
                kept.addAll(pieces);
            } else {
                kept.add(lv);
            }
        }
        body.localVariables = kept;
    }

    /** A label right before node {@code i} (the given one at the entry's end). */
    private static LabelNode labelAt(InsnList insns, ControlFlow cfg, int i, LabelNode end, int to) {
        if (i == to && end != null) {
            return end;
        }
        AbstractInsnNode node = cfg.nodes[i];
        if (node instanceof LabelNode l) {
            return l;
        }
        LabelNode l = new LabelNode();
        insns.insertBefore(node, l);
        return l;
    }

    private static BitSet or(BitSet a, BitSet b) {
        BitSet c = (BitSet) a.clone();
        c.or(b);
        return c;
    }

    private static boolean contains(BitSet a, BitSet b) {
        BitSet c = (BitSet) b.clone();
        c.andNot(a);
        return c.isEmpty();
    }
}
