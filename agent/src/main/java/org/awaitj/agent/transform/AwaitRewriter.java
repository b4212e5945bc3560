package org.awaitj.agent.transform;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

import static org.objectweb.asm.Opcodes.*;

/**
 * Turns each planned await of the body into a suspension point:
 * <pre>
 *   aload frame; invokestatic CoroutineSupport.await(x, frame)
 *       (a fused await: aload frame; aload frame; invokestatic fusedDepth; invokedynamic m(args, frame, depth))
 *   dup; getstatic SUSPENDED; if_acmpne cont; goto suspend_k
 * resume_k:                      (entered from the entry switch, locals and stack restored)
 *   aload frame; invokestatic CoroutineSupport.resumeValue(frame)   (throws the awaited exception)
 * cont:
 * </pre>
 * and appends {@code suspend_k} (save the live locals and the stack, set the label, return SUSPENDED) after the
 * body, outside every exception handler's range. A generator's {@code emit(v)} becomes
 * {@code GeneratorFrame.emit(v, frame); goto suspend_k}, resuming with {@code GeneratorFrame.resumeEmit(frame)}.
 */
final class AwaitRewriter {
    private AwaitRewriter() {
    }

    static void apply(MethodNode body, MethodPlan plan) {
        SpillCode code = new SpillCode(plan.ctx.frameClass);
        InsnList insns = body.instructions;
        for (AbstractInsnNode n : insns.toArray()) {
            Suspension s = plan.at(n);
            if (s != null) {
                rewrite(insns, s, code);
            }
        }
    }

    private static void rewrite(InsnList insns, Suspension s, SpillCode code) {
        LabelNode cont = new LabelNode();
        LabelNode suspend = new LabelNode();
        List<Object> stackWithValue = new ArrayList<>(s.frameStack);
        stackWithValue.add("java/lang/Object");

        InsnList site = new InsnList();
        site.add(new VarInsnNode(ALOAD, 0));
        if (s.emit) {
            // always suspends, with the SUSPENDED that emit returns on the stack as an await's would be
            site.add(new MethodInsnNode(INVOKESTATIC, Names.GENERATOR_FRAME, Names.GENERATOR_EMIT,
                    Names.GENERATOR_EMIT_DESC, false));
        } else {
            if (s.fusedCall != null) {
                // the callee's direct entry in place of its factory and the await: frame and depth follow its arguments
                insns.remove(s.fusedCall);
                site.add(new VarInsnNode(ALOAD, 0));
                site.add(new MethodInsnNode(INVOKESTATIC, Names.SUPPORT, Names.SUPPORT_FUSED_DEPTH,
                        Names.SUPPORT_FUSED_DEPTH_DESC, false));
                site.add(FusedCallSites.site(s.fusedCall));
            } else {
                site.add(new MethodInsnNode(INVOKESTATIC, Names.SUPPORT, Names.SUPPORT_AWAIT, Names.SUPPORT_AWAIT_DESC, false));
            }
            site.add(new InsnNode(DUP));
            site.add(SpillCode.suspended());
            site.add(new JumpInsnNode(IF_ACMPNE, cont));
        }
        site.add(new JumpInsnNode(GOTO, suspend));
        site.add(s.resume);
        site.add(code.frame(s.frameLocals, s.frameStack));
        site.add(new VarInsnNode(ALOAD, 0));
        if (s.emit) {
            // emit is void: the code after it expects the stack as it was below the value
            site.add(new MethodInsnNode(INVOKESTATIC, Names.GENERATOR_FRAME, Names.GENERATOR_RESUME_EMIT,
                    Names.GENERATOR_RESUME_EMIT_DESC, false));
        } else {
            site.add(new MethodInsnNode(INVOKESTATIC, Names.SUPPORT, Names.SUPPORT_RESUME_VALUE,
                    Names.SUPPORT_RESUME_VALUE_DESC, false));
            site.add(cont);
        }
        if (!s.emit && !SpillCode.frameAt(s.call.getNext())) {
            // else the await ends a branch that joins right here (c ? await(a) : await(b)): javac's frame
            // for the join, which the awaited Object already flowed into, is the frame at cont. Two frames
            // at one offset would corrupt the StackMapTable.
            site.add(code.frame(s.frameLocals, stackWithValue));
        }
        insns.insert(s.call, site);
        insns.remove(s.call);

        InsnList out = new InsnList();
        out.add(suspend);
        out.add(code.frame(s.frameLocals, stackWithValue));
        out.add(new InsnNode(POP));
        code.save(out, s);
        out.add(SpillCode.suspended());
        out.add(new InsnNode(ARETURN));
        insns.add(out);
    }
}
