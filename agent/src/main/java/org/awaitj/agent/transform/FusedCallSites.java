package org.awaitj.agent.transform;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

import static org.objectweb.asm.Opcodes.*;

/**
 * The analysis of the fused await path: which awaits await the coroutine of a call at once, {@code await(m(args))},
 * so that the call can go to m's direct entry instead of its factory (an {@code @Async} method's, or one the
 * runtime wrote for a wait of its own, such as {@code lock.acquire()}); and which methods get a direct entry
 * ({@link DirectEntryEmitter}). The call site is an {@code invokedynamic} that the runtime links on first use, to
 * m's direct entry when m's class has one, else to the factory and an await (a virtual or interface call: to the
 * entry of the receiver's class, while the receivers are of one class): the callee's class need not be known, nor
 * loaded, when the caller is rewritten. {@code -Dawaitj.fuse=false} turns the path off.
 */
final class FusedCallSites {
    /** Read once: the agent and the build-time instrumenter both honour it. */
    static final boolean ENABLED = !"false".equals(System.getProperty("awaitj.fuse"));

    private FusedCallSites() {
    }

    /** The call whose coroutine the await awaits at once, when they can be fused; else null. */
    static MethodInsnNode producer(MethodContext ctx, MethodInsnNode await) {
        if (!ENABLED || (ctx.owner.version & 0xFFFF) < V1_7 || !Names.isAwait(await)
                || !await.desc.equals(Names.AWAIT_AWAITABLE)) {
            return null;
        }
        AbstractInsnNode p = await.getPrevious();
        while (p instanceof LabelNode || p instanceof LineNumberNode) {
            if (p instanceof LabelNode l && boundary(ctx.method, l)) {
                return null;
            }
            p = p.getPrevious();
        }
        if (!(p instanceof MethodInsnNode call) || !Type.getReturnType(call.desc).getDescriptor().equals(Names.COROUTINE_DESC)) {
            return null;
        }
        if (call.getOpcode() == INVOKESTATIC) {
            return call.owner.equals(Names.ASYNCIO) || call.owner.startsWith("java/") ? null : call;
        }
        if (call.getOpcode() == INVOKEVIRTUAL || call.getOpcode() == INVOKEINTERFACE) {
            // the site dispatches on the receiver's class when it runs (FusedCalls), so an override takes the call;
            // the runtime's waits check the receiver's class themselves
            return call.owner.startsWith("java/") || call.owner.startsWith("[") ? null : call;
        }
        // invokespecial: a private method of this class, or super.m() (Iface.super.m()), whose target the class
        // file names: the method the superclass (the interface) has, which the site links to that method's entry
        if (call.name.equals("<init>")) {
            return null;
        }
        if (call.owner.equals(ctx.owner.name)) {
            return isPrivate(ctx.owner, call.name, call.desc) ? call : null;
        }
        return call.owner.equals(ctx.owner.superName) || ctx.owner.interfaces.contains(call.owner) ? call : null;
    }

    /** A label where a handler's range starts or ends, or a handler starts: the call and the await stay apart. */
    private static boolean boundary(MethodNode m, LabelNode l) {
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            if (t.start == l || t.end == l || t.handler == l) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPrivate(ClassNode cn, String name, String desc) {
        for (MethodNode m : cn.methods) {
            if (m.name.equals(name) && m.desc.equals(desc)) {
                return (m.access & ACC_PRIVATE) != 0 && (m.access & ACC_STATIC) == 0;
            }
        }
        return false;
    }

    /** The fused call site for {@code call}: its arguments, then the anchor and the depth, on the stack. */
    static InvokeDynamicInsnNode site(MethodInsnNode call) {
        int kind = switch (call.getOpcode()) {
            case INVOKESTATIC -> H_INVOKESTATIC;
            case INVOKESPECIAL -> H_INVOKESPECIAL;
            case INVOKEINTERFACE -> H_INVOKEINTERFACE;
            default -> H_INVOKEVIRTUAL;
        };
        String receiver = call.getOpcode() == INVOKESTATIC ? "" : "L" + call.owner + ";";
        Handle bootstrap = new Handle(H_INVOKESTATIC, Names.FUSED_CALLS, Names.FUSED_CALLS_LINK,
                Names.FUSED_CALLS_LINK_DESC, false);
        return new InvokeDynamicInsnNode(call.name, directDesc(receiver, call.desc), bootstrap,
                Type.getObjectType(call.owner), new Handle(kind, call.owner, call.name, call.desc, call.itf));
    }

    /** {@code (receiver, arguments..., Coroutine anchor, int depth)Object}. */
    static String directDesc(String receiver, String methodDesc) {
        String args = methodDesc.substring(1, methodDesc.indexOf(')'));
        return "(" + receiver + args + Names.DIRECT_TAIL + ")Ljava/lang/Object;";
    }

    /** The descriptor of the method's direct entry. */
    static String directDesc(MethodContext ctx) {
        return directDesc(ctx.isStatic() ? "" : "L" + ctx.owner.name + ";", ctx.method.desc);
    }

    /**
     * True when the method gets a direct entry: a coroutine, not a generator, whose every return is
     * {@code return result(v)}: the entry returns v itself, and a value that travels anywhere else first
     * ({@code return other()}, a return through a {@code finally}) would need the frame the entry does not have.
     * An instance method's entry is static, its receiver first, with the method's access: a fused site reaches it
     * for the receivers whose class declares the method (or inherits it from the class that does).
     */
    static boolean hasDirectEntry(MethodContext ctx) {
        MethodNode m = ctx.method;
        if (!ENABLED || ctx.generator || ctx.ownerIsInterface() && (ctx.owner.version & 0xFFFF) < V1_8) {
            return false;   // an interface has static methods from Java 8's class files on
        }
        String desc = directDesc(ctx);
        for (MethodNode other : ctx.owner.methods) {
            if (other.name.equals(m.name) && other.desc.equals(desc)) {
                return false;
            }
        }
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n.getOpcode() == ARETURN && !Names.isResult(adjacent(n, false)) || Names.isResult(n) && !returnedAtOnce(n)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the {@code result(v)} call is followed by its {@code ARETURN}, with nothing between that a value
     * other than the Coroutine the call declares could upset (a stack map frame, a {@code finally}'s code).
     */
    static boolean returnedAtOnce(AbstractInsnNode result) {
        AbstractInsnNode next = adjacent(result, true);
        return next != null && next.getOpcode() == ARETURN;
    }

    /**
     * The instruction next to {@code n} (after it, or before it) across labels and line numbers, but not across a
     * stack map frame: there the verifier would see the Coroutine that the entry no longer has.
     */
    private static AbstractInsnNode adjacent(AbstractInsnNode n, boolean after) {
        AbstractInsnNode a = after ? n.getNext() : n.getPrevious();
        while (a instanceof LabelNode || a instanceof LineNumberNode) {
            a = after ? a.getNext() : a.getPrevious();
        }
        return a;
    }
}
