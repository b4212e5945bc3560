package org.awaitj.agent.transform;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.tree.AbstractInsnNode;

/**
 * Everything the analysis of one {@code @Async} method decided, handed whole to the passes that rewrite its body
 * and to the emitters of its factory and frame class: the suspensions by resume label and by await instruction,
 * and the frame class's fields. Built by {@link SuspensionAnalysis} before any instruction moves; nothing of it
 * is computed while emitting.
 */
final class MethodPlan {
    /** A field of the frame class: name and descriptor. */
    record Field(String name, String desc) {
    }

    final MethodContext ctx;
    /** By label: the entry first, then the reachable awaits in instruction order. */
    final List<Suspension> suspensions;
    /** The spill fields of the frame class, besides its label. */
    final List<Field> fields;
    private final Map<AbstractInsnNode, Suspension> byAwait = new IdentityHashMap<>();

    MethodPlan(MethodContext ctx, List<Suspension> suspensions, List<Field> fields) {
        this.ctx = ctx;
        this.suspensions = List.copyOf(suspensions);
        this.fields = List.copyOf(fields);
        for (Suspension s : this.suspensions) {
            if (s.call != null) {
                byAwait.put(s.call, s);
            }
        }
    }

    Suspension entry() {
        return suspensions.get(0);
    }

    /** The suspension of an await instruction; null for any other (an unreachable await stays as it is). */
    Suspension at(AbstractInsnNode insn) {
        return byAwait.get(insn);
    }

    /** The body method's descriptor: it takes the frame and returns the result or SUSPENDED. */
    String bodyDesc() {
        return "(L" + ctx.frameClass + ";)Ljava/lang/Object;";
    }
}
