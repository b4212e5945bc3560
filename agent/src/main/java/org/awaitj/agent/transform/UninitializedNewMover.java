package org.awaitj.agent.transform;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.awaitj.agent.analysis.TypedFrame;
import org.awaitj.agent.analysis.UninitializedValue;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * A pre-pass for {@code new Foo(a, await(x))}: an object whose constructor has not run cannot be saved in a
 * field, so when one is on the stack (or, as javac emits for a switch expression with a {@code try} inside
 * the arguments, in a local) at an await, its {@code NEW} moves to just before the constructor call, after the
 * arguments (which are kept in fresh locals meanwhile). Every instruction that only copies the new object
 * around ({@code DUP}, {@code ASTORE}, {@code ALOAD}) goes, and the stack map frames forget it. The arguments
 * are still evaluated in source order. The original {@code NEW} stays where it was, its object dropped at
 * once ({@code NEW Foo; POP}): {@code new} initialises Foo before the arguments are evaluated (JLS 12.4.1,
 * 15.9.4), and only that instruction initialises it exactly as the original did, with the same errors at the
 * same place, and without the agent loading anything.
 */
final class UninitializedNewMover {
    private UninitializedNewMover() {
    }

    /** True when something was moved: the frames must then be computed again. */
    static boolean apply(MethodContext ctx, TypedFrame[] frames) throws Refusal {
        MethodNode m = ctx.method;
        InsnList insns = m.instructions;
        Set<AbstractInsnNode> news = new LinkedHashSet<>();
        for (MethodInsnNode call : SuspensionAnalysis.reachableAwaits(m, frames)) {
            TypedFrame f = frames[insns.indexOf(call)];
            for (int i = 0; i < f.getLocals(); i++) {
                if (f.getLocal(i) instanceof UninitializedValue u) {
                    news.add(u.newInsn);
                }
            }
            for (int i = 0; i < f.getStackSize(); i++) {
                if (f.getStack(i) instanceof UninitializedValue u) {
                    news.add(u.newInsn);
                }
            }
        }
        if (news.isEmpty()) {
            return false;
        }
        // each move shifts the instructions' indexes: look frames up by node, not by index
        Map<AbstractInsnNode, TypedFrame> frameOf = new IdentityHashMap<>();
        int index = 0;
        for (AbstractInsnNode n = insns.getFirst(); n != null; n = n.getNext()) {
            frameOf.put(n, frames[index++]);
        }
        for (AbstractInsnNode newInsn : news) {
            move(ctx, frameOf, (TypeInsnNode) newInsn);
        }
        return true;
    }

    private static void move(MethodContext ctx, Map<AbstractInsnNode, TypedFrame> frames, TypeInsnNode newInsn)
            throws Refusal {
        MethodNode m = ctx.method;
        InsnList insns = m.instructions;
        String what = "'new " + newInsn.desc.replace('/', '.') + "(...)'";
        UninitializedValue value = new UninitializedValue(Type.getObjectType(newInsn.desc), newInsn);

        // the instructions that only copy the new object around, and its constructor call
        List<AbstractInsnNode> copies = new ArrayList<>();
        MethodInsnNode init = null;
        for (AbstractInsnNode n = insns.getFirst(); n != null; n = n.getNext()) {
            TypedFrame f = frames.get(n);
            if (f == null || n.getOpcode() < 0 || n == newInsn) {
                continue;
            }
            int op = n.getOpcode();
            int top = f.getStackSize() - 1;
            if (op == Opcodes.DUP || op == Opcodes.ASTORE) {
                if (value.equals(f.getStack(top))) {
                    copies.add(n);
                }
            } else if (op == Opcodes.ALOAD) {
                if (value.equals(f.getLocal(((VarInsnNode) n).var))) {
                    copies.add(n);
                }
            } else if (n instanceof MethodInsnNode call && op == Opcodes.INVOKESPECIAL && call.name.equals("<init>")) {
                int args = Type.getArgumentTypes(call.desc).length;
                if (value.equals(f.getStack(top - args))) {
                    if (init != null) {
                        throw ctx.refuse(newInsn, "an await inside the arguments of " + what
                                + " in a shape javac does not emit (two constructor calls for one NEW).");
                    }
                    init = call;
                }
            } else if (touchesTop(f, slotsUsed(op), value)) {
                throw ctx.refuse(newInsn, "an await inside the arguments of " + what
                        + " in a shape javac does not emit (the new object is moved by " + op + ").");
            }
        }
        if (init == null) {
            throw ctx.refuse(newInsn, "could not find the constructor call of " + what + ".");
        }
        // no stack map frame holds the object any more: it exists only right before its constructor call
        for (AbstractInsnNode n = insns.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof FrameNode f) {
                f.stack.removeIf(t -> isValue(t, newInsn));
                f.local.replaceAll(t -> isValue(t, newInsn) ? Opcodes.TOP : t);
            }
        }
        for (AbstractInsnNode n : copies) {
            insns.remove(n);
        }
        insns.insert(newInsn, new InsnNode(Opcodes.POP));
        Type[] args = Type.getArgumentTypes(init.desc);
        int[] slots = new int[args.length];
        for (int i = 0; i < args.length; i++) {
            slots[i] = m.maxLocals;
            m.maxLocals += args[i].getSize();
        }
        InsnList before = new InsnList();
        for (int i = args.length - 1; i >= 0; i--) {
            before.add(new VarInsnNode(args[i].getOpcode(Opcodes.ISTORE), slots[i]));
        }
        before.add(new TypeInsnNode(Opcodes.NEW, newInsn.desc));
        before.add(new InsnNode(Opcodes.DUP));
        for (int i = 0; i < args.length; i++) {
            before.add(new VarInsnNode(args[i].getOpcode(Opcodes.ILOAD), slots[i]));
        }
        insns.insertBefore(init, before);
    }

    /** A stack map frame's type for the object created by {@code newInsn}. */
    private static boolean isValue(Object frameType, AbstractInsnNode newInsn) {
        return frameType instanceof LabelNode l && next(l) == newInsn;
    }

    /** How many stack slots from the top a stack manipulation reads; 0 for every other instruction. */
    private static int slotsUsed(int op) {
        switch (op) {
            case Opcodes.POP: case Opcodes.DUP:
                return 1;
            case Opcodes.POP2: case Opcodes.DUP_X1: case Opcodes.DUP2: case Opcodes.SWAP:
                return 2;
            case Opcodes.DUP_X2: case Opcodes.DUP2_X1:
                return 3;
            case Opcodes.DUP2_X2:
                return 4;
            default:
                return 0;
        }
    }

    /** True when the value is among the stack entries filling the top {@code slots} slots. */
    private static boolean touchesTop(TypedFrame f, int slots, BasicValue value) {
        for (int i = f.getStackSize() - 1; i >= 0 && slots > 0; i--) {
            BasicValue v = f.getStack(i);
            if (value.equals(v)) {
                return true;
            }
            slots -= v.getSize();
        }
        return false;
    }

    private static AbstractInsnNode next(AbstractInsnNode n) {
        AbstractInsnNode x = n.getNext();
        while (x != null && x.getOpcode() < 0) {
            x = x.getNext();
        }
        return x;
    }
}
