package org.awaitj.agent.transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

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
     * References whose class the coroutine's class cannot access get a field of their own type instead of an
     * Object one: restoring from an Object field needs a cast, and a cast to such a type fails the JVM's
     * access check (IllegalAccessError) where the original code, which never names the type, made none. A
     * field's descriptor is not access checked, and restores the value with the exact type the verifier knew.
     */
    private final Predicate<String> accessible;
    /** The most fields of each such type any point needs, by descriptor, in the order first met. */
    private final Map<String, Integer> typedMax = new LinkedHashMap<>();

    /** {@code accessible} tells whether the coroutine's class may name a type (an internal name). */
    SpillLayout(Predicate<String> accessible) {
        this.accessible = accessible;
    }

    /**
     * Lays out one suspension: {@code stackDepth} entries of the frame's stack (from the bottom), and every local
     * that holds a value, spilling those for which {@code live} says so.
     */
    void layout(TypedFrame frame, int stackDepth, IntPredicate live, Suspension into) {
        int[] used = new int[KINDS.length];
        Map<String, Integer> typedUsed = new HashMap<>();
        FrameAnalyzer.addLocals(frame, frame.getLocals(), into.frameLocals);
        for (int slot = 0; slot < frame.getLocals(); slot++) {
            BasicValue v = frame.getLocal(slot);
            Object t = FrameAnalyzer.frameType(v);
            if (t == Opcodes.TOP) {
                continue;
            }
            int kind = kind(t);
            boolean spill = kind >= 0 && live.test(slot);
            into.locals.add(spill ? spill(slot, t, kind, used, typedUsed) : new Suspension.Spill(slot, t, null, kind, plain(kind)));
            if (v.getSize() == 2) {
                slot++;
            }
        }
        for (int i = 0; i < stackDepth; i++) {
            Object t = FrameAnalyzer.frameType(frame.getStack(i));
            into.frameStack.add(t);
            int kind = kind(t);
            into.stack.add(kind >= 0 ? spill(-1, t, kind, used, typedUsed) : new Suspension.Spill(-1, t, null, kind, plain(kind)));
        }
        for (int k = 0; k < KINDS.length; k++) {
            max[k] = Math.max(max[k], used[k]);
        }
        typedUsed.forEach((desc, n) -> typedMax.merge(desc, n, Math::max));
    }

    private Suspension.Spill spill(int slot, Object t, int kind, int[] used, Map<String, Integer> typedUsed) {
        String desc = desc(t, kind);
        if (desc.equals(KINDS[kind])) {
            return new Suspension.Spill(slot, t, allocate(kind, used), kind, desc);
        }
        typedMax.putIfAbsent(desc, 0);      // fixes the type's number, which names its fields
        int i = typedUsed.merge(desc, 1, Integer::sum) - 1;
        return new Suspension.Spill(slot, t, typedName(desc, i), kind, desc);
    }

    /** The descriptor of the field for a value of frame type {@code t}. */
    private String desc(Object t, int kind) {
        if (kind != 4 || accessible.test((String) t)) {
            return KINDS[kind];
        }
        String type = (String) t;
        return type.startsWith("[") ? type : "L" + type + ";";
    }

    private static String plain(int kind) {
        return KINDS[kind < 0 ? 4 : kind];
    }

    private String typedName(String desc, int i) {
        int k = 0;
        for (String d : typedMax.keySet()) {
            if (d.equals(desc)) {
                break;
            }
            k++;
        }
        return "T" + k + "_" + i;
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
        typedMax.forEach((desc, n) -> {
            for (int i = 0; i < n; i++) {
                fields.add(new MethodPlan.Field(typedName(desc, i), desc));
            }
        });
        return fields;
    }
}
