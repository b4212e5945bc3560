package org.awaitj.agent.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

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

    /**
     * Lays out one suspension: {@code stackDepth} entries of the frame's stack (from the bottom), and every local
     * that holds a value, spilling those for which {@code live} says so.
     */
    void layout(TypedFrame frame, int stackDepth, IntPredicate live, Suspension into) {
        int[] used = new int[KINDS.length];
        FrameAnalyzer.addLocals(frame, frame.getLocals(), into.frameLocals);
        for (int slot = 0; slot < frame.getLocals(); slot++) {
            BasicValue v = frame.getLocal(slot);
            Object t = FrameAnalyzer.frameType(v);
            if (t == Opcodes.TOP) {
                continue;
            }
            int kind = kind(t);
            boolean spill = kind >= 0 && live.test(slot);
            into.locals.add(new Suspension.Spill(slot, t, spill ? allocate(kind, used) : null, kind));
            if (v.getSize() == 2) {
                slot++;
            }
        }
        for (int i = 0; i < stackDepth; i++) {
            Object t = FrameAnalyzer.frameType(frame.getStack(i));
            into.frameStack.add(t);
            int kind = kind(t);
            into.stack.add(new Suspension.Spill(-1, t, kind >= 0 ? allocate(kind, used) : null, kind));
        }
        for (int k = 0; k < KINDS.length; k++) {
            max[k] = Math.max(max[k], used[k]);
        }
    }

    private static String allocate(int kind, int[] used) {
        return fieldName(kind, used[kind]++);
    }

    private static String fieldName(int kind, int index) {
        return KINDS[kind].substring(0, 1) + index;
    }

    /** The field kind of a frame type; -1 for the null type, which is restored as a constant. */
    private static int kind(Object t) {
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

    /** Every field the suspensions laid out so far need. */
    List<MethodPlan.Field> fields() {
        List<MethodPlan.Field> fields = new ArrayList<>();
        for (int k = 0; k < KINDS.length; k++) {
            for (int i = 0; i < max[k]; i++) {
                fields.add(new MethodPlan.Field(fieldName(k, i), KINDS[k]));
            }
        }
        return fields;
    }
}
