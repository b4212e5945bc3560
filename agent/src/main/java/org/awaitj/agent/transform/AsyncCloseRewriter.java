package org.awaitj.agent.transform;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import static org.objectweb.asm.Opcodes.*;

/**
 * A pre-pass that gives try-with-resources Python's {@code async with} meaning: inside an {@code @Async}
 * method, {@code r.close()} on an {@code AsyncCloseable} becomes an await of its asynchronous exit.
 * <ul>
 * <li>On the normal path, {@code r.close()} becomes {@code await(CoroutineSupport.closeAsync(r))}.</li>
 * <li>In javac's exceptional path ({@code catch (Throwable t) { try { r.close(); } catch (Throwable x)
 * { t.addSuppressed(x); } throw t; }}), it becomes {@code t = await(CoroutineSupport.exitAsync(r, t))}: the
 * resource sees the exception in flight and may replace it (a timeout turns its cancellation into a
 * TimeoutException; a task group adds its children's failures).</li>
 * </ul>
 * The awaits it adds are then rewritten like any other.
 */
final class AsyncCloseRewriter {
    private AsyncCloseRewriter() {
    }

    static void apply(MethodNode m, ClassHierarchy hierarchy) {
        InsnList insns = m.instructions;
        for (AbstractInsnNode n = insns.getFirst(); n != null; n = n.getNext()) {
            if (!(n instanceof MethodInsnNode call) || !isClose(call) || !hierarchy.isAsyncCloseable(call.owner)) {
                continue;
            }
            int primary = primaryException(m, call);
            InsnList replacement = new InsnList();
            if (primary >= 0) {
                replacement.add(new VarInsnNode(ALOAD, primary));
                replacement.add(new MethodInsnNode(INVOKESTATIC, Names.SUPPORT, Names.SUPPORT_EXIT_ASYNC,
                        Names.SUPPORT_EXIT_ASYNC_DESC, false));
                replacement.add(await());
                replacement.add(new TypeInsnNode(CHECKCAST, "java/lang/Throwable"));
                replacement.add(new VarInsnNode(ASTORE, primary));
            } else {
                replacement.add(new MethodInsnNode(INVOKESTATIC, Names.SUPPORT, Names.SUPPORT_CLOSE_ASYNC,
                        Names.SUPPORT_CLOSE_ASYNC_DESC, false));
                replacement.add(await());
                replacement.add(new InsnNode(POP));
            }
            AbstractInsnNode last = replacement.getLast();
            insns.insert(call, replacement);
            insns.remove(call);
            n = last;
        }
    }

    /** {@code AsyncIO.await(Awaitable)}, which the await rewriting then turns into a suspension point. */
    private static MethodInsnNode await() {
        return new MethodInsnNode(INVOKESTATIC, Names.ASYNCIO, Names.AWAIT, Names.AWAIT_AWAITABLE, false);
    }

    private static boolean isClose(MethodInsnNode call) {
        return (call.getOpcode() == INVOKEVIRTUAL || call.getOpcode() == INVOKEINTERFACE)
                && call.name.equals("close") && call.desc.equals("()V");
    }

    /**
     * The local holding the exception in flight, when the call is javac's exceptional-path close: it is
     * covered by a handler that stores the close's own failure and adds it to that local's exception as
     * suppressed. -1 otherwise.
     */
    private static int primaryException(MethodNode m, MethodInsnNode call) {
        InsnList insns = m.instructions;
        int at = insns.indexOf(call);
        for (TryCatchBlockNode tcb : m.tryCatchBlocks) {
            if (insns.indexOf(tcb.start) > at || insns.indexOf(tcb.end) <= at) {
                continue;
            }
            AbstractInsnNode store = real(tcb.handler);
            if (!(store instanceof VarInsnNode s) || s.getOpcode() != ASTORE) {
                continue;
            }
            AbstractInsnNode loadPrimary = real(store.getNext());
            AbstractInsnNode loadSuppressed = loadPrimary == null ? null : real(loadPrimary.getNext());
            AbstractInsnNode add = loadSuppressed == null ? null : real(loadSuppressed.getNext());
            if (loadPrimary instanceof VarInsnNode p && p.getOpcode() == ALOAD
                    && loadSuppressed instanceof VarInsnNode x && x.getOpcode() == ALOAD && x.var == s.var
                    && add instanceof MethodInsnNode a && a.name.equals("addSuppressed")
                    && a.owner.equals("java/lang/Throwable")) {
                return p.var;
            }
        }
        return -1;
    }

    private static AbstractInsnNode real(AbstractInsnNode n) {
        while (n != null && n.getOpcode() < 0) {
            n = n.getNext();
        }
        return n;
    }
}
