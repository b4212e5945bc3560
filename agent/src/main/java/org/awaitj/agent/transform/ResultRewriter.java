package org.awaitj.agent.transform;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

import static org.objectweb.asm.Opcodes.ACONST_NULL;
import static org.objectweb.asm.Opcodes.ALOAD;

/**
 * {@code result(v)} in the body becomes {@code CoroutineSupport.returned(v, frame)} when every {@code result}
 * of the body is returned at once: the body returns v itself. Else it becomes
 * {@code CoroutineSupport.result(v, frame)}, which keeps v in the frame and yields the COMPLETED marker, which
 * the body returns later (a {@code finally} may await first, or return another result). {@code result()} passes
 * null. A generator's {@code finish()} becomes the frame itself.
 */
final class ResultRewriter {
    private ResultRewriter() {
    }

    static void apply(MethodNode body) {
        InsnList insns = body.instructions;
        boolean returnedAtOnce = everyResultReturnedAtOnce(insns);
        for (AbstractInsnNode n = insns.getFirst(); n != null; n = n.getNext()) {
            if (Names.isFinish(n)) {
                // a generator's end: its body returns the frame itself, which GeneratorFrame reads as the end
                VarInsnNode frame = new VarInsnNode(ALOAD, 0);
                insns.set(n, frame);
                n = frame;
            } else if (Names.isResult(n)) {
                MethodInsnNode call = (MethodInsnNode) n;
                if (call.desc.equals(Names.RESULT_VOID)) {
                    insns.insertBefore(call, new InsnNode(ACONST_NULL));
                }
                insns.insertBefore(call, new VarInsnNode(ALOAD, 0));
                call.owner = Names.SUPPORT;
                call.name = returnedAtOnce ? Names.SUPPORT_RETURNED : Names.SUPPORT_RESULT;
                call.desc = returnedAtOnce ? Names.SUPPORT_RETURNED_DESC : Names.SUPPORT_RESULT_DESC;
            }
        }
    }

    /**
     * Whether each {@code result} is followed by its {@code ARETURN}. All or none: a {@code finally} that
     * returns another result at once, after the first was kept in the frame, would leave the first there.
     */
    private static boolean everyResultReturnedAtOnce(InsnList insns) {
        for (AbstractInsnNode n = insns.getFirst(); n != null; n = n.getNext()) {
            if (Names.isResult(n) && !FusedCallSites.returnedAtOnce(n)) {
                return false;
            }
        }
        return true;
    }
}
