package org.awaitj.agent.transform;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * One resume label of the state machine, as the analysis planned it: label 0 is the entry (its spills are the
 * parameters the factory stores), label k the k-th reachable await. What is live there and where each value
 * waits while the coroutine is suspended.
 */
final class Suspension {
    /** The value of the frame's {@code label} field that resumes here. */
    final int label;
    /** The await (or a generator's emit) this label resumes after; null for the entry. */
    final MethodInsnNode call;
    /** The call is an emit: the body always suspends there, and resumes without a value. */
    final boolean emit;
    /** The call whose coroutine the await awaits at once, fused with it ({@link FusedCallSites}); else null. */
    final MethodInsnNode fusedCall;
    /** Its source line, which stack traces of a suspended coroutine show (the entry: the method's first line). */
    final int line;
    /** Where the body goes on once the entry switch has restored locals and stack. */
    final LabelNode resume = new LabelNode();
    /** Every local that holds a value, with the field of those that are live (the others get placeholders). */
    final List<Spill> locals = new ArrayList<>();
    /** The operand stack below the awaited value, bottom first. */
    final List<Spill> stack = new ArrayList<>();
    /** The locals and the stack as stack map frame types, without the frame parameter. */
    final List<Object> frameLocals = new ArrayList<>();
    final List<Object> frameStack = new ArrayList<>();

    Suspension(int label, MethodInsnNode call, MethodInsnNode fusedCall, int line) {
        this.label = label;
        this.call = call;
        this.fusedCall = fusedCall;
        this.emit = Names.isEmit(call);
        this.line = line;
    }

    /** One value to save and restore: a local (slot >= 0) or a stack entry (slot -1). */
    static final class Spill {
        final int slot;
        final Object frameType;
        /** The field holding it, or null: a null constant, or a dead local restored as a placeholder. */
        final String field;
        /** Its field kind: an index into {@link SpillLayout#KINDS}; -1 for the null type. */
        final int kind;
        /** The field's descriptor: that of its kind, or the value's own type when the class cannot name it. */
        final String desc;

        Spill(int slot, Object frameType, String field, int kind, String desc) {
            this.slot = slot;
            this.frameType = frameType;
            this.field = field;
            this.kind = kind;
            this.desc = desc;
        }

        String fieldDesc() {
            return desc;
        }

        /** True when the field holds the value's own type: it is restored without a cast. */
        boolean typedField() {
            return kind >= 0 && !desc.equals(SpillLayout.KINDS[kind]);
        }
    }
}
