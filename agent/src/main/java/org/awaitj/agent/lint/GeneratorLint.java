package org.awaitj.agent.lint;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.agent.transform.GeneratorChecks;
import org.awaitj.agent.transform.Names;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * What lint says about async generators: an emit where nothing can suspend, and (a warning, as PEP 789 explains
 * for Python) an emit inside a TaskGroup or timeout block. While the generator waits at that emit, its consumer
 * runs with the group or deadline still open but outside it: a failing child's cancellation, or the deadline's,
 * then strikes the consumer's code, and the group waits for a consumer that does not know it is inside.
 */
final class GeneratorLint {
    /** How many real instructions of a handler to look through for the resource's close. */
    private static final int HANDLER_SCAN = 8;

    private GeneratorLint() {
    }

    static String strayEmit(String owner, String method) {
        return method.startsWith("lambda$")
                ? "emit inside a lambda: a lambda cannot suspend its generator, so it throws IllegalStateException. "
                    + "Emit from the @Async generator method itself (a for loop rather than forEach)"
                : "emit in " + owner + "." + method + ", which is not an async generator: it throws "
                    + "IllegalStateException at run time. Mark the method @Async, returning AsyncGenerator<T>";
    }

    /** A transformer report of an emit outside any @Async method, which lint words itself, with its line. */
    static boolean isStrayEmit(String problem) {
        return problem.startsWith(GeneratorChecks.STRAY_EMIT);
    }

    /** The emits inside the body of a try-with-resources block of a TaskGroup or a Timeout. */
    static List<AbstractInsnNode> emitsInScopes(MethodNode m) {
        List<AbstractInsnNode> found = new ArrayList<>();
        InsnList insns = m.instructions;
        for (TryCatchBlockNode tcb : m.tryCatchBlocks) {
            if (scopeClosedBy(tcb) == null) {
                continue;
            }
            for (AbstractInsnNode n = tcb.start; n != null && n != tcb.end; n = n.getNext()) {
                if (Names.isEmit(n) && !found.contains(n)) {
                    found.add(n);
                }
            }
        }
        found.sort((a, b) -> Integer.compare(insns.indexOf(a), insns.indexOf(b)));
        return found;
    }

    static String scopeWarning(AbstractInsnNode emit, MethodNode m) {
        boolean group = false;
        for (TryCatchBlockNode tcb : m.tryCatchBlocks) {
            String owner = scopeClosedBy(tcb);
            if (owner != null && covers(m.instructions, tcb, emit)) {
                group |= owner.equals(Names.TASK_GROUP);
            }
        }
        return group
                ? "warning: emit inside a TaskGroup block: while the generator waits there, its consumer runs outside "
                    + "the group, which may cancel the consumer's code when a child fails. Collect inside the block and "
                    + "emit after it"
                : "warning: emit inside a timeout block: the deadline goes on while the consumer holds the value, and "
                    + "its cancellation then strikes the consumer's code. Emit after the block";
    }

    private static boolean covers(InsnList insns, TryCatchBlockNode tcb, AbstractInsnNode n) {
        int at = insns.indexOf(n);
        return insns.indexOf(tcb.start) <= at && at < insns.indexOf(tcb.end);
    }

    /**
     * The scope type whose close javac's exceptional path of a try-with-resources calls first in this handler,
     * or null: the handler catches any Throwable and soon closes a TaskGroup or Timeout.
     */
    private static String scopeClosedBy(TryCatchBlockNode tcb) {
        if (tcb.type != null && !tcb.type.equals("java/lang/Throwable")) {
            return null;
        }
        int seen = 0;
        for (AbstractInsnNode n = tcb.handler; n != null && seen < HANDLER_SCAN; n = n.getNext()) {
            if (n.getOpcode() < 0) {
                continue;
            }
            seen++;
            if (n instanceof MethodInsnNode call && call.name.equals("close") && call.desc.equals("()V")
                    && (call.getOpcode() == Opcodes.INVOKEVIRTUAL || call.getOpcode() == Opcodes.INVOKEINTERFACE)) {
                return call.owner.equals(Names.TASK_GROUP) || call.owner.equals(Names.TIMEOUT) ? call.owner : null;
            }
        }
        return null;
    }
}
