package org.awaitj.agent.transform;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.agent.analysis.FrameAnalyzer;
import org.awaitj.agent.analysis.TypedFrame;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * Where each value lives while a coroutine is suspended: one typed field of the frame per value, ints,
 * longs, floats, doubles and references kept apart (no boxing, no arrays). Suspension points share fields:
 * the frame has as many fields of a kind as the most demanding point needs.
 */
final class SpillLayout {
    /** Field kinds, by descriptor: I, J, F, D, and Object. */
    static final String[] KINDS = {"I", "J", "F", "D", "Ljava/lang/Object;"};

    private final int[] max = new int[KINDS.length];

    /** One value to save and restore: a local (slot >= 0) or a stack entry (slot -1). */
    static final class Spill {
        final int slot;
        final Object frameType;
        /** The field holding it, or null: a null constant, or a dead local restored as a placeholder. */
        final String field;
        final int kind;

        Spill(int slot, Object frameType, String field, int kind) {
            this.slot = slot;
            this.frameType = frameType;
            this.field = field;
            this.kind = kind;
        }

        String fieldDesc() {
            return KINDS[kind];
        }
    }

    /** The spills of one suspension point (or, for label 0, of the entry). */
    static final class Point {
        final List<Spill> locals = new ArrayList<>();
        final List<Spill> stack = new ArrayList<>();
        /** The frame's locals and stack as stack map frame types, without the frame parameter. */
        final List<Object> frameLocals = new ArrayList<>();
        final List<Object> frameStack = new ArrayList<>();
    }

    /**
     * Lays out one point: {@code stackDepth} entries of the frame's stack (from the bottom), and every local
     * that holds a value, spilling those for which {@code live} says so.
     */
    Point layout(TypedFrame frame, int stackDepth, java.util.function.IntPredicate live) {
        Point p = new Point();
        int[] used = new int[KINDS.length];
        FrameAnalyzer.addLocals(frame, frame.getLocals(), p.frameLocals);
        for (int slot = 0; slot < frame.getLocals(); slot++) {
            BasicValue v = frame.getLocal(slot);
            Object t = FrameAnalyzer.frameType(v);
            if (t == Opcodes.TOP) {
                continue;
            }
            int kind = kind(t);
            boolean spill = kind >= 0 && live.test(slot);
            p.locals.add(new Spill(slot, t, spill ? allocate(kind, used) : null, kind));
            if (v.getSize() == 2) {
                slot++;
            }
        }
        for (int i = 0; i < stackDepth; i++) {
            Object t = FrameAnalyzer.frameType(frame.getStack(i));
            p.frameStack.add(t);
            int kind = kind(t);
            p.stack.add(new Spill(-1, t, kind >= 0 ? allocate(kind, used) : null, kind));
        }
        for (int k = 0; k < KINDS.length; k++) {
            max[k] = Math.max(max[k], used[k]);
        }
        return p;
    }

    private static String allocate(int kind, int[] used) {
        return KINDS[kind].substring(0, 1) + used[kind]++;
    }

    /** The field kind of a frame type; -1 for the null type, which is restored as a constant. */
    static int kind(Object t) {
        if (t == Opcodes.INTEGER) {
            return 0;
        }
        if (t == Opcodes.LONG) {
            return 1;
        }
        if (t == Opcodes.FLOAT) {
            return 2;
        }
        if (t == Opcodes.DOUBLE) {
            return 3;
        }
        if (t == Opcodes.NULL) {
            return -1;
        }
        return 4;
    }

    /** Every field the frame class needs: name and descriptor. */
    List<String[]> fields() {
        List<String[]> fields = new ArrayList<>();
        for (int k = 0; k < KINDS.length; k++) {
            for (int i = 0; i < max[k]; i++) {
                fields.add(new String[] {KINDS[k].substring(0, 1) + i, KINDS[k]});
            }
        }
        return fields;
    }
}
