package org.awaitj.agent.analysis;

import java.util.ArrayDeque;
import java.util.Arrays;

import org.objectweb.asm.Opcodes;

/**
 * How many monitors are held before each node: an await inside a {@code synchronized} block would suspend
 * while holding the lock, and resume on a step that never took it.
 */
public final class MonitorDepth {
    private MonitorDepth() {
    }

    /** The largest number of monitors that may be held before each node; -1 where unreachable. */
    public static int[] of(ControlFlow cfg) {
        int n = cfg.nodes.length;
        int[] depth = new int[n];
        Arrays.fill(depth, -1);
        if (n == 0) {
            return depth;
        }
        ArrayDeque<Integer> work = new ArrayDeque<>();
        depth[0] = 0;
        work.add(0);
        while (!work.isEmpty()) {
            int i = work.poll();
            int op = cfg.nodes[i].getOpcode();
            int after = depth[i] + (op == Opcodes.MONITORENTER ? 1 : op == Opcodes.MONITOREXIT ? -1 : 0);
            for (int s : cfg.successors[i]) {
                push(depth, work, s, Math.max(0, after));
            }
            for (int h : cfg.handlers[i]) {
                push(depth, work, h, depth[i]);     // thrown before the instruction took effect
            }
        }
        return depth;
    }

    private static void push(int[] depth, ArrayDeque<Integer> work, int node, int d) {
        if (d > depth[node]) {
            depth[node] = d;
            work.add(node);
        }
    }
}
