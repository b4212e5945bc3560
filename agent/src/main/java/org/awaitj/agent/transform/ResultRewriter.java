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
 * {@code result(v)} in the body becomes {@code CoroutineSupport.result(v, frame)}: it keeps v in the frame and
 * yields the COMPLETED marker, which the body returns ({@code result()} passes null). A generator's
 * {@code finish()} becomes the frame itself.
 */
final class ResultRewriter {
    private ResultRewriter() {
    }

    static void apply(MethodNode body) {
        InsnList insns = body.instructions;
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
                call.name = Names.SUPPORT_RESULT;
                call.desc = Names.SUPPORT_RESULT_DESC;
            }
        }
    }
}
