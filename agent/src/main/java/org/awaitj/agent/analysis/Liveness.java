package org.awaitj.agent.analysis;

import java.util.ArrayDeque;
import java.util.BitSet;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Which local slots are live (may be read before being written again) before each node. Only live locals
 * are spilled at a suspension: a dead reference is never kept alive by a suspended frame.
 */
public final class Liveness {
    private final BitSet[] liveIn;

    private Liveness(BitSet[] liveIn) {
        this.liveIn = liveIn;
    }

    public boolean isLive(int node, int slot) {
        return liveIn[node].get(slot);
    }

    public static Liveness of(ControlFlow cfg) {
        int n = cfg.nodes.length;
        BitSet[] in = new BitSet[n];
        for (int i = 0; i < n; i++) {
            in[i] = new BitSet();
        }
        // predecessors, to revisit a node when a successor's live-in grows
        int[][] preds = predecessors(cfg);
        ArrayDeque<Integer> work = new ArrayDeque<>();
        boolean[] queued = new boolean[n];
        for (int i = n - 1; i >= 0; i--) {
            work.add(i);
            queued[i] = true;
        }
        while (!work.isEmpty()) {
            int i = work.poll();
            queued[i] = false;
            BitSet live = new BitSet();
            for (int s : cfg.allSuccessors(i)) {
                live.or(in[s]);
            }
            AbstractInsnNode insn = cfg.nodes[i];
            if (insn instanceof VarInsnNode v) {
                if (isStore(v.getOpcode())) {
                    live.clear(v.var);
                } else {
                    live.set(v.var);
                }
            } else if (insn instanceof IincInsnNode inc) {
                live.set(inc.var);
            }
            if (!live.equals(in[i])) {
                in[i] = live;
                for (int p : preds[i]) {
                    if (!queued[p]) {
                        queued[p] = true;
                        work.add(p);
                    }
                }
            }
        }
        return new Liveness(in);
    }

    private static boolean isStore(int opcode) {
        return opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE;
    }

    private static int[][] predecessors(ControlFlow cfg) {
        int n = cfg.nodes.length;
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            for (int t : cfg.allSuccessors(i)) {
                count[t]++;
            }
        }
        int[][] preds = new int[n][];
        for (int i = 0; i < n; i++) {
            preds[i] = new int[count[i]];
        }
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) {
            for (int t : cfg.allSuccessors(i)) {
                preds[t][fill[t]++] = i;
            }
        }
        return preds;
    }
}
