package org.awaitj.agent.transform;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.agent.analysis.ControlFlow;
import org.awaitj.agent.analysis.FrameAnalyzer;
import org.awaitj.agent.analysis.Liveness;
import org.awaitj.agent.analysis.MonitorDepth;
import org.awaitj.agent.analysis.TypedFrame;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The analysis that plans a method's state machine, run once its pre-passes are done and before anything is
 * emitted: which awaits are reachable (those in dead code stay as they are: they never run and have no frame to
 * save), that none holds a monitor, and for each the live locals, the stack and the fields they wait in.
 */
final class SuspensionAnalysis {
    private SuspensionAnalysis() {
    }

    /** The plan of the method, whose instructions {@code frames} (from {@link FrameAnalyzer}) describe. */
    static MethodPlan plan(MethodContext ctx, TypedFrame[] frames, ClassHierarchy hierarchy) throws Refusal {
        MethodNode m = ctx.method;
        InsnList insns = m.instructions;
        List<MethodInsnNode> awaits = reachableAwaits(m, frames);
        ControlFlow cfg = ControlFlow.of(m);
        int[] monitors = MonitorDepth.of(cfg);
        for (MethodInsnNode call : awaits) {
            if (monitors[insns.indexOf(call)] > 0) {
                throw ctx.refuse(call, (Names.isEmit(call) ? "emit" : "await") + " inside a synchronized block would "
                        + "suspend while holding the monitor, and resume on a step that does not own it. Use "
                        + Names.javaName(Names.LOCK) + " (try (var held = await(lock.locked())) { ... }) instead.");
            }
        }
        Liveness liveness = Liveness.of(cfg);
        SpillLayout layout = new SpillLayout(type -> hierarchy.isAccessible(type, ctx.owner.name));
        List<Suspension> suspensions = new ArrayList<>(awaits.size() + 1);
        Suspension entry = new Suspension(0, null, null, ctx.firstLine());
        layout.layout(FrameAnalyzer.initialFrame(ctx.owner.name, m), 0, slot -> liveness.isLive(0, slot), entry);
        suspensions.add(entry);
        for (MethodInsnNode call : awaits) {
            int index = insns.indexOf(call);
            TypedFrame f = frames[index];
            Suspension s = new Suspension(suspensions.size(), call,
                    FusedCallSites.producer(ctx, call), ctx.line(call));
            // live at the call itself: handlers covering the await may read locals when it throws on resume
            layout.layout(f, f.getStackSize() - 1, slot -> liveness.isLive(index, slot), s);
            suspensions.add(s);
        }
        return new MethodPlan(ctx, suspensions, layout.fields());
    }

    /** The awaits (and emits, of a generator) the analysis reached, in instruction order. */
    static List<MethodInsnNode> reachableAwaits(MethodNode m, TypedFrame[] frames) {
        List<MethodInsnNode> awaits = new ArrayList<>();
        int i = 0;
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext(), i++) {
            if (Names.isSuspensionPoint(n) && frames[i] != null) {
                awaits.add((MethodInsnNode) n);
            }
        }
        return awaits;
    }
}
