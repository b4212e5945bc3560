package org.awaitj.agent.transform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.agent.analysis.ControlFlow;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * A pre-pass that replaces code no path reaches by {@code athrow}. The JVM's verifier checks such code all the
 * same (it starts at a stack map frame), and javac sometimes emits dead code that cannot pass: JDK 17's javac
 * leaves the remains of a constant-false pattern match, such as {@code o instanceof String s && false &&
 * s.isEmpty()} in a switch expression's arm, as garbage bytes ({@code iinc} of local 167 in a method of five).
 * The analysis follows the types linearly, as the verifier does, and would fail there. A dead run is replaced
 * only where that cannot disturb the rest: no exception handler covers it, it starts at a stack map frame, and
 * no other code (dead too) jumps into it past that frame. The frame stays as it was, for the jumps to it; the
 * run becomes {@code pop}s of the frame's stack, {@code aconst_null; athrow}.
 */
final class UnreachableCode {
    private UnreachableCode() {
    }

    /** True when something was replaced. */
    static boolean stub(MethodNode m) {
        InsnList insns = m.instructions;
        if (insns.size() == 0) {
            return false;
        }
        ControlFlow cfg = ControlFlow.of(m);
        AbstractInsnNode[] nodes = cfg.nodes;
        boolean[] reached = reached(m, cfg);
        boolean[] covered = new boolean[nodes.length];
        for (TryCatchBlockNode tcb : m.tryCatchBlocks) {
            for (int i = insns.indexOf(tcb.start), end = insns.indexOf(tcb.end); i < end; i++) {
                covered[i] = true;
            }
            covered[insns.indexOf(tcb.handler)] = true;
        }
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i].getOpcode() < 0 || reached[i]) {
                continue;
            }
            // a run of dead instructions, up to the last one before live code
            int last = i;
            for (int j = i; j < nodes.length && (nodes[j].getOpcode() < 0 || !reached[j]); j++) {
                if (nodes[j].getOpcode() >= 0) {
                    last = j;
                }
            }
            runs.add(new int[] {i, last});
            i = last;
        }
        boolean changed = false;
        for (int[] run : runs) {
            FrameNode frame = frameBefore(nodes, run[0]);
            if (frame != null && !covered(covered, run) && !jumpedInto(cfg, run) && stackIsPlain(frame)) {
                replace(insns, nodes, frame, run[0], run[1]);
                changed = true;
            }
        }
        if (changed) {
            dropEmptyLocals(m);
        }
        return changed;
    }

    private static boolean covered(boolean[] covered, int[] run) {
        for (int j = run[0]; j <= run[1]; j++) {
            if (covered[j]) {
                return true;
            }
        }
        return false;
    }

    /** True when code outside the run goes to a node of it after its first instruction (frames there would go). */
    private static boolean jumpedInto(ControlFlow cfg, int[] run) {
        for (int i = 0; i < cfg.nodes.length; i++) {
            if (i >= run[0] && i <= run[1]) {
                continue;
            }
            for (int s : cfg.successors[i]) {
                if (s > run[0] && s <= run[1]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** No uninitialized object on the frame's stack (the pops would leave its NEW without a use). */
    private static boolean stackIsPlain(FrameNode f) {
        return f.stack == null || f.stack.stream().noneMatch(t -> t instanceof LabelNode);
    }

    /** Every node some path from the entry reaches, through every handler covering a reached node. */
    private static boolean[] reached(MethodNode m, ControlFlow cfg) {
        InsnList insns = m.instructions;
        int n = cfg.nodes.length;
        List<List<Integer>> handlers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            handlers.add(new ArrayList<>(0));
        }
        // every covering handler, not only those the JVM would pick: a wrong "dead" would break live code
        for (TryCatchBlockNode tcb : m.tryCatchBlocks) {
            int handler = insns.indexOf(tcb.handler);
            for (int i = insns.indexOf(tcb.start), end = insns.indexOf(tcb.end); i < end; i++) {
                handlers.get(i).add(handler);
            }
        }
        boolean[] reached = new boolean[n];
        ArrayDeque<Integer> work = new ArrayDeque<>();
        reached[0] = true;
        work.add(0);
        while (!work.isEmpty()) {
            int i = work.poll();
            for (int s : cfg.successors[i]) {
                if (!reached[s]) {
                    reached[s] = true;
                    work.add(s);
                }
            }
            for (int h : handlers.get(i)) {
                if (!reached[h]) {
                    reached[h] = true;
                    work.add(h);
                }
            }
        }
        return reached;
    }

    /** The stack map frame the dead run starts at: after the last real instruction before it, or null. */
    private static FrameNode frameBefore(AbstractInsnNode[] nodes, int first) {
        for (int j = first - 1; j >= 0 && nodes[j].getOpcode() < 0; j--) {
            if (nodes[j] instanceof FrameNode f) {
                return f;
            }
        }
        return null;
    }

    private static void replace(InsnList insns, AbstractInsnNode[] nodes, FrameNode frame, int first, int last) {
        InsnList stub = new InsnList();
        List<Object> stack = frame.stack == null ? List.of() : frame.stack;
        for (int k = stack.size() - 1; k >= 0; k--) {
            Object t = stack.get(k);
            stub.add(new InsnNode(t == Opcodes.LONG || t == Opcodes.DOUBLE ? Opcodes.POP2 : Opcodes.POP));
        }
        stub.add(new InsnNode(Opcodes.ACONST_NULL));
        stub.add(new InsnNode(Opcodes.ATHROW));
        insns.insertBefore(nodes[first], stub);
        for (int j = first; j <= last; j++) {
            AbstractInsnNode n = nodes[j];
            // labels and line numbers stay: the local variable and line tables may name them
            if (n instanceof FrameNode || n.getOpcode() >= 0) {
                insns.remove(n);
            }
        }
        // an uninitialized object whose NEW was in the dead code is gone with it (anything is assignable to top)
        if (frame.local != null) {
            frame.local.replaceAll(t -> t instanceof LabelNode l && !isNewAfter(l) ? Opcodes.TOP : t);
        }
    }
    /**
     * The local variable table's entries that now span no instruction (those of the replaced code): their labels
     * share one offset, and two such entries for one local would be a duplicate the JVM rejects (ClassFormatError).
     */
    private static void dropEmptyLocals(MethodNode m) {
        if (m.localVariables != null) {
            m.localVariables.removeIf(lv -> {
                for (AbstractInsnNode n = lv.start; n != null && n != lv.end; n = n.getNext()) {
                    if (n.getOpcode() >= 0) {
                        return false;
                    }
                }
                return true;
            });
        }
    }

    private static boolean isNewAfter(LabelNode l) {
        AbstractInsnNode n = l.getNext();
        while (n != null && n.getOpcode() < 0) {
            n = n.getNext();
        }
        return n != null && n.getOpcode() == Opcodes.NEW;
    }
}
