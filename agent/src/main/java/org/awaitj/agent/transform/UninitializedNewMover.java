package org.awaitj.agent.transform;

import java.util.LinkedHashSet;
import java.util.List;
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

/**
 * A pre-pass for {@code new Foo(a, await(x))}: an object whose constructor has not run cannot be saved in a
 * field, so when one is on the stack at an await, its {@code NEW; DUP} moves to just before the constructor
 * call, after the arguments (which are kept in fresh locals meanwhile). The arguments are still evaluated in
 * source order; only Foo's class initialization may now happen after them.
 */
final class UninitializedNewMover {
    private UninitializedNewMover() {
    }

    /** True when something was moved: the analysis must then be run again. */
    static boolean apply(MethodContext ctx, TypedFrame[] frames, List<MethodInsnNode> awaits) throws Refusal {
        MethodNode m = ctx.method;
        InsnList insns = m.instructions;
        Set<AbstractInsnNode> news = new LinkedHashSet<>();
        for (MethodInsnNode call : awaits) {
            TypedFrame f = frames[insns.indexOf(call)];
            for (int i = 0; i < f.getLocals(); i++) {
                if (f.getLocal(i) instanceof UninitializedValue) {
                    throw ctx.refuse(call, "an object under construction is held in a local variable across an await."
                            + " Compute the constructor's arguments into locals before the 'new'.");
                }
            }
            for (int i = 0; i < f.getStackSize(); i++) {
                if (f.getStack(i) instanceof UninitializedValue u) {
                    news.add(u.newInsn);
                }
            }
        }
        for (AbstractInsnNode newInsn : news) {
            move(ctx, frames, (TypeInsnNode) newInsn);
        }
        return !news.isEmpty();
    }

    private static void move(MethodContext ctx, TypedFrame[] frames, TypeInsnNode newInsn) throws Refusal {
        MethodNode m = ctx.method;
        InsnList insns = m.instructions;
        AbstractInsnNode dup = next(newInsn);
        if (dup == null || dup.getOpcode() != Opcodes.DUP) {
            throw ctx.refuse(newInsn, "an await inside the arguments of 'new " + newInsn.desc.replace('/', '.')
                    + "(...)' in a shape javac does not emit (NEW not followed by DUP).");
        }
        UninitializedValue value = new UninitializedValue(Type.getObjectType(newInsn.desc), newInsn);
        MethodInsnNode init = null;
        for (AbstractInsnNode n = dup.getNext(); n != null && init == null; n = n.getNext()) {
            if (n instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESPECIAL && call.name.equals("<init>")) {
                TypedFrame f = frames[insns.indexOf(n)];
                int args = Type.getArgumentTypes(call.desc).length;
                if (f != null && value.equals(f.getStack(f.getStackSize() - 1 - args))) {
                    init = call;
                }
            }
        }
        if (init == null) {
            throw ctx.refuse(newInsn, "could not find the constructor call of 'new " + newInsn.desc.replace('/', '.') + "'.");
        }
        // the frames in between no longer hold the two copies of the new object
        for (AbstractInsnNode n = dup.getNext(); n != init; n = n.getNext()) {
            if (n instanceof FrameNode f) {
                f.stack.removeIf(t -> t instanceof LabelNode l && next(l) == newInsn);
            }
        }
        insns.remove(dup);
        insns.remove(newInsn);
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

    private static AbstractInsnNode next(AbstractInsnNode n) {
        AbstractInsnNode x = n.getNext();
        while (x != null && x.getOpcode() < 0) {
            x = x.getNext();
        }
        return x;
    }
}
