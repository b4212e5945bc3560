package org.awaitj.agent.transform;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LocalVariableAnnotationNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ACC_SYNTHETIC;

/**
 * The first pass of the state machine: moves the {@code @Async} method's code (instructions, handlers, local
 * variable tables) into the body, a static method of the same name that takes the frame as local 0, every
 * original local one slot up. The original is left empty, for the factory.
 */
final class BodyMover {
    private BodyMover() {
    }

    static MethodNode apply(MethodPlan plan) {
        MethodContext ctx = plan.ctx;
        MethodNode m = ctx.method;
        MethodNode body = new MethodNode(Opcodes.ASM9,
                ACC_STATIC | ACC_SYNTHETIC | (ctx.ownerIsInterface() ? ACC_PUBLIC : 0),
                m.name, plan.bodyDesc(), null, null);
        shiftLocals(m, ctx.frameClass);
        body.instructions = m.instructions;
        m.instructions = new InsnList();
        body.tryCatchBlocks = m.tryCatchBlocks;
        m.tryCatchBlocks = new ArrayList<>();
        body.localVariables = m.localVariables;
        m.localVariables = null;
        body.visibleLocalVariableAnnotations = m.visibleLocalVariableAnnotations;
        body.invisibleLocalVariableAnnotations = m.invisibleLocalVariableAnnotations;
        m.visibleLocalVariableAnnotations = null;
        m.invisibleLocalVariableAnnotations = null;
        body.maxLocals = m.maxLocals + SpillCode.SHIFT;
        body.maxStack = m.maxStack;
        return body;
    }

    /** Moves every local of the method up one slot, to make room for the frame. */
    private static void shiftLocals(MethodNode m, String frameClass) {
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof VarInsnNode v) {
                v.var += SpillCode.SHIFT;
            } else if (n instanceof IincInsnNode inc) {
                inc.var += SpillCode.SHIFT;
            } else if (n instanceof FrameNode f) {
                List<Object> l = new ArrayList<>(f.local.size() + 1);
                l.add(frameClass);
                l.addAll(f.local);
                f.local = l;
            }
        }
        if (m.localVariables != null) {
            for (LocalVariableNode lv : m.localVariables) {
                lv.index += SpillCode.SHIFT;
            }
        }
        shiftAnnotations(m.visibleLocalVariableAnnotations);
        shiftAnnotations(m.invisibleLocalVariableAnnotations);
    }

    private static void shiftAnnotations(List<LocalVariableAnnotationNode> annotations) {
        if (annotations != null) {
            for (var a : annotations) {
                a.index.replaceAll(i -> i + SpillCode.SHIFT);
            }
        }
    }
}
