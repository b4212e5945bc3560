package org.awaitj.agent.transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import static org.objectweb.asm.Opcodes.*;

/**
 * Emits a method's direct entry, the fused await path's callee: the method's code as compiled, run on the Java
 * stack with no frame object, called as {@code m(args..., Coroutine anchor, int depth)} by fused call sites and
 * returning the value itself, or SUSPENDED. Its parameters keep their slots; the anchor and the depth follow
 * them, and every other local moves up two. Each await becomes
 * <pre>
 *   aload anchor; iload depth; invokestatic CoroutineSupport.fusedAwait   (or a fused call, at depth + 1)
 *   dup; getstatic SUSPENDED; if_acmpne cont; goto spill_k
 * </pre>
 * and {@code spill_k} allocates the frame, saves exactly what suspension k of the body restores, sets the label,
 * has the runtime adopt the frame into the anchor's chain and returns SUSPENDED: the body resumes it from there.
 * Past the inline depth the entry calls its factory instead and has the coroutine start from the step loop.
 * Runs on the method as the pre-passes left it, before the body moves out of it.
 */
final class DirectEntryEmitter {
    private DirectEntryEmitter() {
    }

    static MethodNode emit(MethodPlan plan) {
        MethodContext ctx = plan.ctx;
        MethodNode m = ctx.method;
        int params = (Type.getArgumentsAndReturnSizes(m.desc) >> 2) - (ctx.isStatic() ? 1 : 0);   // their slots
        int anchor = params;
        int depth = params + 1;
        int access = ACC_STATIC | ACC_SYNTHETIC | (m.access & (ACC_PUBLIC | ACC_PROTECTED | ACC_PRIVATE));
        if (ctx.ownerIsInterface() && (access & ACC_PRIVATE) == 0) {
            access = (access & ~ACC_PROTECTED) | ACC_PUBLIC;
        }
        MethodNode direct = new MethodNode(Opcodes.ASM9, access, m.name, FusedCallSites.directDesc(ctx), null, null);

        Map<LabelNode, LabelNode> labels = new HashMap<>();
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof LabelNode l) {
                labels.put(l, new LabelNode());
            }
        }
        Map<AbstractInsnNode, AbstractInsnNode> copyOf = new IdentityHashMap<>();
        InsnList insns = direct.instructions;
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            AbstractInsnNode c = n.clone(labels);
            copyOf.put(n, c);
            insns.add(c);
        }
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            direct.tryCatchBlocks.add(new TryCatchBlockNode(labels.get(t.start), labels.get(t.end),
                    labels.get(t.handler), t.type));
        }
        if (m.localVariables != null) {
            direct.localVariables = new ArrayList<>();
            for (LocalVariableNode lv : m.localVariables) {
                direct.localVariables.add(new LocalVariableNode(lv.name, lv.desc, lv.signature, labels.get(lv.start),
                        labels.get(lv.end), slot(lv.index, params)));
            }
        }
        Frames frames = new Frames(params);
        for (AbstractInsnNode n = insns.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof VarInsnNode v) {
                v.var = slot(v.var, params);
            } else if (n instanceof IincInsnNode inc) {
                inc.var = slot(inc.var, params);
            } else if (n instanceof FrameNode f) {
                f.local = frames.locals(f.local);
            }
        }

        int frameLocal = m.maxLocals + 2;
        SpillCode code = new SpillCode(ctx.frameClass, frameLocal, s -> slot(s, params));
        for (AbstractInsnNode n = insns.getFirst(); n != null; n = n.getNext()) {
            if (Names.isResult(n)) {
                AbstractInsnNode value = ((MethodInsnNode) n).desc.equals(Names.RESULT_VOID) ? new InsnNode(ACONST_NULL) : null;
                AbstractInsnNode next = n.getNext();
                if (value != null) {
                    insns.set(n, value);
                } else {
                    insns.remove(n);    // the entry returns the value itself
                }
                n = next.getPrevious();
            }
        }
        for (Suspension s : plan.suspensions) {
            if (s.call != null) {
                rewriteAwait(insns, s, copyOf, code, frames, ctx.frameClass, anchor, depth);
            }
        }
        insns.insert(prologue(ctx, anchor, depth, frames, plan.entry()));
        direct.maxLocals = frameLocal + 1;
        direct.maxStack = m.maxStack + 4;
        return direct;
    }

    /** Where an original local is in the entry: the parameters stay, the rest move past the anchor and depth. */
    private static int slot(int original, int params) {
        return original < params ? original : original + 2;
    }

    private static void rewriteAwait(InsnList insns, Suspension s, Map<AbstractInsnNode, AbstractInsnNode> copyOf,
            SpillCode code, Frames frames, String frameClass, int anchor, int depth) {
        AbstractInsnNode call = copyOf.get(s.call);
        LabelNode cont = new LabelNode();
        LabelNode spill = new LabelNode();
        List<Object> stackWithValue = new ArrayList<>(s.frameStack);
        stackWithValue.add("java/lang/Object");

        InsnList site = new InsnList();
        site.add(new VarInsnNode(ALOAD, anchor));
        site.add(new VarInsnNode(ILOAD, depth));
        if (s.fusedCall != null) {
            insns.remove(copyOf.get(s.fusedCall));
            site.add(new InsnNode(ICONST_1));
            site.add(new InsnNode(IADD));
            site.add(FusedCallSites.site(s.fusedCall));
        } else {
            site.add(new MethodInsnNode(INVOKESTATIC, Names.SUPPORT, Names.SUPPORT_FUSED_AWAIT,
                    Names.SUPPORT_FUSED_AWAIT_DESC, false));
        }
        site.add(new InsnNode(DUP));
        site.add(SpillCode.suspended());
        site.add(new JumpInsnNode(IF_ACMPNE, cont));
        site.add(new JumpInsnNode(GOTO, spill));
        site.add(cont);
        if (!SpillCode.frameAt(call.getNext())) {
            site.add(frames.frame(s.frameLocals, stackWithValue));
        }
        insns.insert(call, site);
        insns.remove(call);

        InsnList out = new InsnList();
        out.add(spill);
        out.add(frames.frame(s.frameLocals, stackWithValue));
        out.add(new InsnNode(POP));
        out.add(new TypeInsnNode(NEW, frameClass));
        out.add(new InsnNode(DUP));
        out.add(new MethodInsnNode(INVOKESPECIAL, frameClass, "<init>", "()V", false));
        out.add(new VarInsnNode(ASTORE, code.frameLocal()));
        code.save(out, s);
        out.add(new VarInsnNode(ALOAD, code.frameLocal()));
        out.add(new VarInsnNode(ALOAD, anchor));
        out.add(new MethodInsnNode(INVOKESTATIC, Names.SUPPORT, Names.SUPPORT_FUSED_ADOPT,
                Names.SUPPORT_FUSED_ADOPT_DESC, false));
        out.add(SpillCode.suspended());
        out.add(new InsnNode(ARETURN));
        insns.add(out);
    }

    /**
     * Past the inline depth, the entry makes its coroutine with the factory and has it start from the step loop
     * (as inline awaits trampoline); an instance entry first fails on a null receiver, as the call would.
     */
    private static InsnList prologue(MethodContext ctx, int anchor, int depth, Frames frames,
            Suspension entry) {
        MethodNode m = ctx.method;
        InsnList out = new InsnList();
        LabelNode start = new LabelNode();
        out.add(start);
        if (entry.line > 0) {
            out.add(new LineNumberNode(entry.line, start));
        }
        if (!ctx.isStatic()) {
            out.add(new VarInsnNode(ALOAD, 0));
            out.add(new MethodInsnNode(INVOKEVIRTUAL, "java/lang/Object", "getClass", "()Ljava/lang/Class;", false));
            out.add(new InsnNode(POP));
        }
        LabelNode body = new LabelNode();
        out.add(new VarInsnNode(ILOAD, depth));
        out.add(new IntInsnNode(SIPUSH, Names.DIRECT_MAX_DEPTH));
        out.add(new JumpInsnNode(IF_ICMPLT, body));
        int slot = 0;
        if (!ctx.isStatic()) {
            out.add(new VarInsnNode(ALOAD, slot++));
        }
        for (Type t : Type.getArgumentTypes(m.desc)) {
            out.add(new VarInsnNode(t.getOpcode(ILOAD), slot));
            slot += t.getSize();
        }
        out.add(new MethodInsnNode(ctx.isStatic() ? INVOKESTATIC : INVOKESPECIAL, ctx.owner.name, m.name, m.desc,
                ctx.ownerIsInterface()));
        out.add(new VarInsnNode(ALOAD, anchor));
        out.add(new MethodInsnNode(INVOKESTATIC, Names.SUPPORT, Names.SUPPORT_FUSED_AWAIT_DEEP,
                Names.SUPPORT_FUSED_AWAIT_DEEP_DESC, false));
        out.add(new InsnNode(ARETURN));
        out.add(body);
        if (!SpillCode.frameAt(m.instructions.getFirst())) {
            out.add(frames.frame(entry.frameLocals, List.of()));
        }
        return out;
    }

    /** Stack map frames of the entry: the anchor and the depth stand between the parameters and the other locals. */
    private static final class Frames {
        private final int params;

        Frames(int params) {
            this.params = params;
        }

        /** {@code locals} (frame types, long and double one entry each) with the anchor and depth put in. */
        List<Object> locals(List<Object> locals) {
            List<Object> out = new ArrayList<>(locals.size() + 2);
            int slot = 0;
            int i = 0;
            while (slot < params) {
                Object t = i < locals.size() ? locals.get(i++) : Opcodes.TOP;
                out.add(t);
                slot += t == Opcodes.LONG || t == Opcodes.DOUBLE ? 2 : 1;
            }
            out.add(Names.COROUTINE);
            out.add(Opcodes.INTEGER);
            while (i < locals.size()) {
                out.add(locals.get(i++));
            }
            return out;
        }

        FrameNode frame(List<Object> locals, List<Object> stack) {
            List<Object> l = locals(locals);
            return new FrameNode(F_NEW, l.size(), l.toArray(), stack.size(), stack.toArray());
        }
    }
}
