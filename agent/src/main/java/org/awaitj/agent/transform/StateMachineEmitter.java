package org.awaitj.agent.transform;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.agent.analysis.FrameAnalyzer;
import org.awaitj.agent.analysis.Liveness;
import org.awaitj.agent.analysis.TypedFrame;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import static org.objectweb.asm.Opcodes.*;

/**
 * Emits the state machine: the body of the {@code @Async} method moved into a static method that takes the
 * frame, with a {@code tableswitch} on the frame's label in front, and each await turned into a suspension
 * point. At a suspension point the live locals and the operand stack go into the frame's fields and the body
 * returns {@code SUSPENDED}; on resumption the entry switch restores them and jumps back to the point.
 */
final class StateMachineEmitter {
    /** The frame is local 0 of the body; every original local moves up by one. */
    private static final int SHIFT = 1;

    private final MethodContext ctx;
    private final SpillLayout layout;
    private final SpillCode code;

    StateMachineEmitter(MethodContext ctx, ClassHierarchy hierarchy) {
        this.ctx = ctx;
        this.layout = new SpillLayout(type -> hierarchy.isAccessible(type, ctx.owner.name));
        this.code = new SpillCode(ctx.frameClass);
    }

    SpillLayout layout() {
        return layout;
    }

    /** What the factory needs: which parameters to store into which fields. */
    SpillLayout.Point entry;
    /** The source line each label resumes at (label 0: the method's first line). */
    int[] lines;

    /**
     * Builds the body method from the original's instructions (which it takes over) and returns it.
     *
     * @param frames the analysis of the original method
     * @param liveness the liveness of its locals
     * @param awaits the await calls, in instruction order
     */
    MethodNode emit(TypedFrame[] frames, Liveness liveness, List<MethodInsnNode> awaits) {
        MethodNode m = ctx.method;
        InsnList insns = m.instructions;
        int n = awaits.size();

        // analysis first, while the instruction indexes still hold
        entry = layout.layout(FrameAnalyzer.initialFrame(ctx.owner.name, m), 0, slot -> liveness.isLive(0, slot));
        SpillLayout.Point[] points = new SpillLayout.Point[n + 1];
        points[0] = entry;
        lines = new int[n + 1];
        lines[0] = ctx.firstLine();
        for (int k = 1; k <= n; k++) {
            MethodInsnNode call = awaits.get(k - 1);
            int index = insns.indexOf(call);
            TypedFrame f = frames[index];
            // live at the call itself: handlers covering the await may read locals when it throws on resume
            points[k] = layout.layout(f, f.getStackSize() - 1, slot -> liveness.isLive(index, slot));
            lines[k] = ctx.line(call);
        }

        String frameDesc = "L" + ctx.frameClass + ";";
        MethodNode body = new MethodNode(Opcodes.ASM9,
                ACC_STATIC | ACC_SYNTHETIC | (ctx.ownerIsInterface() ? ACC_PUBLIC : 0),
                m.name, "(" + frameDesc + ")Ljava/lang/Object;", null, null);
        shiftLocals(m);
        body.instructions = insns;
        m.instructions = new InsnList();
        body.tryCatchBlocks = m.tryCatchBlocks;
        m.tryCatchBlocks = new ArrayList<>();
        body.localVariables = m.localVariables;
        m.localVariables = null;
        body.visibleLocalVariableAnnotations = m.visibleLocalVariableAnnotations;
        body.invisibleLocalVariableAnnotations = m.invisibleLocalVariableAnnotations;
        m.visibleLocalVariableAnnotations = null;
        m.invisibleLocalVariableAnnotations = null;
        body.maxLocals = m.maxLocals + SHIFT;
        body.maxStack = m.maxStack;

        LabelNode[] resume = new LabelNode[n + 1];
        LabelNode[] restore = new LabelNode[n + 1];
        for (int k = 0; k <= n; k++) {
            resume[k] = new LabelNode();
            restore[k] = new LabelNode();
        }
        for (int k = 1; k <= n; k++) {
            rewriteAwait(body.instructions, awaits.get(k - 1), k, points[k], resume[k]);
        }
        rewriteResults(body.instructions);
        LabelNode start = resume[0];
        body.instructions.insert(prologue(points, restore, resume, start, insns));
        DeadLocalRanges.apply(body, points, resume, SHIFT);
        return body;
    }

    private InsnList prologue(SpillLayout.Point[] points, LabelNode[] restore, LabelNode[] resume, LabelNode start,
            InsnList original) {
        InsnList out = new InsnList();
        LabelNode bad = new LabelNode();
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new FieldInsnNode(GETFIELD, ctx.frameClass, "label", "I"));
        out.add(new TableSwitchInsnNode(0, points.length - 1, bad, restore));
        for (int k = 0; k < points.length; k++) {
            out.add(restore[k]);
            out.add(frame(List.of(), List.of()));
            for (SpillLayout.Spill s : points[k].locals) {
                code.restoreLocal(out, s, SHIFT);
            }
            for (SpillLayout.Spill s : points[k].stack) {
                code.push(out, s);
            }
            out.add(new JumpInsnNode(GOTO, resume[k]));
        }
        out.add(bad);
        out.add(frame(List.of(), List.of()));
        out.add(new TypeInsnNode(NEW, "java/lang/IllegalStateException"));
        out.add(new InsnNode(DUP));
        out.add(new LdcInsnNode("corrupt coroutine frame: unknown resume label in " + ctx.signature()));
        out.add(new MethodInsnNode(INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "(Ljava/lang/String;)V"));
        out.add(new InsnNode(ATHROW));
        out.add(start);
        if (!startsWithFrame(original)) {
            out.add(frame(points[0].frameLocals, List.of()));
        }
        return out;
    }

    private static boolean startsWithFrame(InsnList insns) {
        return frameFrom(insns.getFirst());
    }

    /** True when a stack map frame comes after {@code insn} before any instruction: both share an offset. */
    private static boolean frameFollows(AbstractInsnNode insn) {
        return frameFrom(insn.getNext());
    }

    private static boolean frameFrom(AbstractInsnNode first) {
        for (AbstractInsnNode n = first; n != null; n = n.getNext()) {
            if (n instanceof FrameNode) {
                return true;
            }
            if (!(n instanceof LabelNode) && !(n instanceof LineNumberNode)) {
                return false;
            }
        }
        return false;
    }

    /**
     * Replaces {@code AsyncIO.await(x)} by the suspension point:
     * <pre>
     *   aload frame; invokestatic CoroutineSupport.await(x, frame)
     *   dup; getstatic SUSPENDED; if_acmpne cont; goto suspend_k
     * resume_k:                      (entered from the entry switch, locals and stack restored)
     *   aload frame; invokestatic CoroutineSupport.resumeValue(frame)   (throws the awaited exception)
     * cont:
     * </pre>
     * and appends {@code suspend_k} (save, set the label, return SUSPENDED) after the body, outside every
     * exception handler's range.
     */
    private void rewriteAwait(InsnList insns, MethodInsnNode call, int k, SpillLayout.Point p, LabelNode resume) {
        LabelNode cont = new LabelNode();
        LabelNode suspend = new LabelNode();
        List<Object> stackWithValue = new ArrayList<>(p.frameStack);
        stackWithValue.add("java/lang/Object");

        InsnList site = new InsnList();
        site.add(new VarInsnNode(ALOAD, 0));
        site.add(new MethodInsnNode(INVOKESTATIC, Names.SUPPORT, "await", Names.SUPPORT_AWAIT, false));
        site.add(new InsnNode(DUP));
        site.add(new FieldInsnNode(GETSTATIC, Names.SUPPORT, "SUSPENDED", "Ljava/lang/Object;"));
        site.add(new JumpInsnNode(IF_ACMPNE, cont));
        site.add(new JumpInsnNode(GOTO, suspend));
        site.add(resume);
        site.add(frame(p.frameLocals, p.frameStack));
        site.add(new VarInsnNode(ALOAD, 0));
        site.add(new MethodInsnNode(INVOKESTATIC, Names.SUPPORT, "resumeValue", Names.SUPPORT_RESUME, false));
        site.add(cont);
        if (!frameFollows(call)) {
            // else the await ends a branch that joins right here (c ? await(a) : await(b)): javac's frame
            // for the join, which the awaited Object already flowed into, is the frame at cont. Two frames
            // at one offset would corrupt the StackMapTable.
            site.add(frame(p.frameLocals, stackWithValue));
        }
        insns.insert(call, site);
        insns.remove(call);

        InsnList out = new InsnList();
        out.add(suspend);
        out.add(frame(p.frameLocals, stackWithValue));
        out.add(new InsnNode(POP));
        for (int i = p.stack.size() - 1; i >= 0; i--) {
            code.storeTop(out, p.stack.get(i));
        }
        for (SpillLayout.Spill s : p.locals) {
            if (s.field != null) {
                code.storeLocal(out, s, SHIFT);
            }
        }
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new LdcInsnNode(k));
        out.add(new FieldInsnNode(PUTFIELD, ctx.frameClass, "label", "I"));
        out.add(new FieldInsnNode(GETSTATIC, Names.SUPPORT, "SUSPENDED", "Ljava/lang/Object;"));
        out.add(new InsnNode(ARETURN));
        insns.add(out);
    }

    /** {@code result(v)} keeps v in the frame and yields the COMPLETED marker, which the body returns. */
    private static void rewriteResults(InsnList insns) {
        for (AbstractInsnNode n = insns.getFirst(); n != null; n = n.getNext()) {
            if (Names.isResult(n)) {
                MethodInsnNode call = (MethodInsnNode) n;
                if (call.desc.equals(Names.RESULT_VOID)) {
                    insns.insertBefore(call, new InsnNode(ACONST_NULL));
                }
                insns.insertBefore(call, new VarInsnNode(ALOAD, 0));
                call.owner = Names.SUPPORT;
                call.desc = Names.SUPPORT_RESULT;
            }
        }
    }

    /** A full frame: the coroutine frame in local 0, then {@code locals}. */
    private FrameNode frame(List<Object> locals, List<Object> stack) {
        Object[] l = new Object[locals.size() + 1];
        l[0] = ctx.frameClass;
        for (int i = 0; i < locals.size(); i++) {
            l[i + 1] = locals.get(i);
        }
        return new FrameNode(F_NEW, l.length, l, stack.size(), stack.toArray());
    }

    /** Moves every local of the original method up one slot, to make room for the frame. */
    private void shiftLocals(MethodNode m) {
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof VarInsnNode v) {
                v.var += SHIFT;
            } else if (n instanceof IincInsnNode inc) {
                inc.var += SHIFT;
            } else if (n instanceof FrameNode f) {
                List<Object> l = new ArrayList<>(f.local.size() + 1);
                l.add(ctx.frameClass);
                l.addAll(f.local);
                f.local = l;
            }
        }
        if (m.localVariables != null) {
            for (LocalVariableNode lv : m.localVariables) {
                lv.index += SHIFT;
            }
        }
        shiftAnnotations(m.visibleLocalVariableAnnotations);
        shiftAnnotations(m.invisibleLocalVariableAnnotations);
    }

    private static void shiftAnnotations(List<org.objectweb.asm.tree.LocalVariableAnnotationNode> annotations) {
        if (annotations != null) {
            for (var a : annotations) {
                a.index.replaceAll(i -> i + SHIFT);
            }
        }
    }
}
