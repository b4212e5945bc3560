package org.awaitj.agent.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/** The successors of every node of a method (labels included): normal flow, and the handlers covering it. */
public final class ControlFlow {
    public final AbstractInsnNode[] nodes;
    /** Where control goes after the node completes normally. */
    public final int[][] successors;
    /** The handlers an exception thrown by the node may reach. */
    public final int[][] handlers;

    private ControlFlow(AbstractInsnNode[] nodes, int[][] successors, int[][] handlers) {
        this.nodes = nodes;
        this.successors = successors;
        this.handlers = handlers;
    }

    /** Normal and exceptional successors together. */
    public int[] allSuccessors(int node) {
        int[] s = successors[node];
        int[] h = handlers[node];
        if (h.length == 0) {
            return s;
        }
        int[] all = java.util.Arrays.copyOf(s, s.length + h.length);
        System.arraycopy(h, 0, all, s.length, h.length);
        return all;
    }

    /** Whether control can come back to {@code node} once it has run: the node is on a cycle (a loop). */
    public boolean onACycle(int node) {
        BitSet seen = new BitSet();
        ArrayDeque<Integer> work = new ArrayDeque<>();
        for (int s : allSuccessors(node)) {
            work.add(s);
        }
        while (!work.isEmpty()) {
            int n = work.poll();
            if (n == node) {
                return true;
            }
            if (!seen.get(n)) {
                seen.set(n);
                for (int s : allSuccessors(n)) {
                    work.add(s);
                }
            }
        }
        return false;
    }

    public static ControlFlow of(MethodNode m) {
        InsnList insns = m.instructions;
        AbstractInsnNode[] nodes = insns.toArray();
        List<List<Integer>> succ = new ArrayList<>(nodes.length);
        for (int i = 0; i < nodes.length; i++) {
            List<Integer> s = new ArrayList<>(2);
            AbstractInsnNode n = nodes[i];
            if (n instanceof JumpInsnNode j) {
                s.add(insns.indexOf(j.label));
                if (n.getOpcode() != Opcodes.GOTO) {
                    s.add(i + 1);
                }
            } else if (n instanceof TableSwitchInsnNode t) {
                s.add(insns.indexOf(t.dflt));
                for (LabelNode l : t.labels) {
                    s.add(insns.indexOf(l));
                }
            } else if (n instanceof LookupSwitchInsnNode t) {
                s.add(insns.indexOf(t.dflt));
                for (LabelNode l : t.labels) {
                    s.add(insns.indexOf(l));
                }
            } else if (!FrameAnalyzer.endsFlow(n.getOpcode()) && i + 1 < nodes.length) {
                s.add(i + 1);
            }
            succ.add(s);
        }
        List<List<Integer>> handlers = new ArrayList<>(nodes.length);
        for (int i = 0; i < nodes.length; i++) {
            handlers.add(new ArrayList<>(0));
        }
        // the JVM takes the first entry of the exception table that covers the instruction and matches: past a
        // handler that catches everything, the outer ones are never reached from there (a catch around a
        // synchronized block runs after javac's catch-all released the monitor)
        boolean[] caughtAll = new boolean[nodes.length];
        for (TryCatchBlockNode tcb : m.tryCatchBlocks) {
            int handler = insns.indexOf(tcb.handler);
            boolean all = tcb.type == null || tcb.type.equals("java/lang/Throwable");
            for (int i = insns.indexOf(tcb.start), end = insns.indexOf(tcb.end); i < end; i++) {
                if (!caughtAll[i]) {
                    handlers.get(i).add(handler);
                    caughtAll[i] = all;
                }
            }
        }
        return new ControlFlow(nodes, toArrays(succ), toArrays(handlers));
    }

    private static int[][] toArrays(List<List<Integer>> lists) {
        int[][] out = new int[lists.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }
}
