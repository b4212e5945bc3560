package org.awaitj.agent.transform;

import java.util.List;

import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import static org.objectweb.asm.Opcodes.*;

/**
 * Puts the entry switch in front of the body: a {@code tableswitch} on the frame's label, whose case k restores
 * the locals and the stack of suspension k and jumps to where it resumes (case 0: the parameters, then the
 * original first instruction). An unknown label throws.
 */
final class ResumeSwitch {
    private ResumeSwitch() {
    }

    static void apply(MethodNode body, MethodPlan plan) {
        MethodContext ctx = plan.ctx;
        SpillCode code = new SpillCode(ctx.frameClass);
        List<Suspension> suspensions = plan.suspensions;
        LabelNode[] restore = new LabelNode[suspensions.size()];
        for (int k = 0; k < restore.length; k++) {
            restore[k] = new LabelNode();
        }
        InsnList out = new InsnList();
        LabelNode bad = new LabelNode();
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new FieldInsnNode(GETFIELD, ctx.frameClass, "label", "I"));
        out.add(new TableSwitchInsnNode(0, restore.length - 1, bad, restore));
        for (Suspension s : suspensions) {
            out.add(restore[s.label]);
            out.add(code.frame(List.of(), List.of()));
            for (Suspension.Spill local : s.locals) {
                code.restoreLocal(out, local);
            }
            for (Suspension.Spill entry : s.stack) {
                code.push(out, entry);
            }
            out.add(new JumpInsnNode(GOTO, s.resume));
        }
        out.add(bad);
        out.add(code.frame(List.of(), List.of()));
        out.add(new TypeInsnNode(NEW, "java/lang/IllegalStateException"));
        out.add(new InsnNode(DUP));
        out.add(new LdcInsnNode("corrupt coroutine frame: unknown resume label in " + ctx.signature()));
        out.add(new MethodInsnNode(INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "(Ljava/lang/String;)V"));
        out.add(new InsnNode(ATHROW));
        Suspension entry = plan.entry();
        out.add(entry.resume);
        if (!SpillCode.frameAt(body.instructions.getFirst())) {
            out.add(code.frame(entry.frameLocals, List.of()));
        }
        body.instructions.insert(out);
    }
}
