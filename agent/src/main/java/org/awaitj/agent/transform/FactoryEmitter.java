package org.awaitj.agent.transform;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

import static org.objectweb.asm.Opcodes.*;

/**
 * Turns the original method into the coroutine factory: it allocates the frame, stores the arguments the
 * body will read, and returns the frame. None of the body runs. Name, descriptor, signature, annotations and
 * access stay as they were, so callers and reflection see the method they compiled against.
 */
final class FactoryEmitter {
    private FactoryEmitter() {
    }

    /** Replaces the (emptied) original method's code; {@code bodyLocals} is the body's local variable table. */
    static void emit(MethodPlan plan, List<LocalVariableNode> bodyLocals) {
        MethodContext ctx = plan.ctx;
        MethodNode m = ctx.method;
        int firstLine = plan.entry().line;
        SpillCode code = new SpillCode(ctx.frameClass);
        InsnList out = new InsnList();
        LabelNode start = new LabelNode();
        LabelNode end = new LabelNode();
        out.add(start);
        if (firstLine > 0) {
            out.add(new LineNumberNode(firstLine, start));
        }
        out.add(new TypeInsnNode(NEW, ctx.frameClass));
        out.add(new InsnNode(DUP));
        out.add(new MethodInsnNode(INVOKESPECIAL, ctx.frameClass, "<init>", "()V", false));
        for (Suspension.Spill s : plan.entry().locals) {
            if (s.field != null) {
                code.storeParameter(out, s);
            }
        }
        out.add(new InsnNode(ARETURN));
        out.add(end);
        m.instructions = out;
        m.tryCatchBlocks = new ArrayList<>();
        m.localVariables = parameterNames(ctx, bodyLocals, start, end);
        m.maxStack = 4;
    }

    /** The parameters' entries of the original local variable table, spanning the factory. */
    private static List<LocalVariableNode> parameterNames(MethodContext ctx, List<LocalVariableNode> bodyLocals,
            LabelNode start, LabelNode end) {
        if (bodyLocals == null) {
            return null;
        }
        int paramSlots = org.objectweb.asm.Type.getArgumentsAndReturnSizes(ctx.method.desc) >> 2;
        if (ctx.isStatic()) {
            paramSlots--;
        }
        List<LocalVariableNode> out = new ArrayList<>();
        for (LocalVariableNode lv : bodyLocals) {
            int slot = lv.index - SpillCode.SHIFT;    // the body's locals were moved up for the frame
            if (slot < paramSlots && out.stream().noneMatch(o -> o.index == slot)) {
                out.add(new LocalVariableNode(lv.name, lv.desc, lv.signature, start, end, slot));
            }
        }
        return out;
    }
}
