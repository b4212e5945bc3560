package org.awaitj.agent.transform;

import org.awaitj.agent.analysis.FrameAnalyzer;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.BasicValue;

import static org.objectweb.asm.Opcodes.*;

/**
 * Emits an {@code @Async} instance method's virtual bridge, {@code m$fused(args..., Object receiver, Coroutine
 * anchor, int depth)}: an instance method that each rewritten override overrides in turn, so that a fused site
 * whose receivers are of more classes than it links behind class tests reaches the receiver's direct entry through
 * the JVM's own dispatch instead of a table. The bridge runs its class's direct entry only for receivers of exactly
 * that class: a subclass that overrides m without being rewritten (a hand-made coroutine, a mock, a class loaded as
 * compiled) inherits the bridge but must run its own m. Every other receiver, and a method without a direct entry,
 * takes an ordinary fused site inside the bridge ({@code FusedCalls.linkBehindBridge}), which finds what the
 * receiver's class runs. An interface's bridge is a default method with only that site, for the implementations
 * that are not rewritten; an interface call takes it for every receiver but a {@code java.lang.reflect.Proxy},
 * which would hand it to its invocation handler as a method of its own. The agent adds no interface to a class
 * to mark it: frameworks choose how to proxy a class by its interfaces.
 *
 * <p>The receiver comes twice: as {@code this}, which picked the bridge, and as the argument the site passes, the
 * object it called. A proxy class made at run time that overrides every method it can (Spring's CGLIB proxies)
 * overrides the bridge too, and hands the call to its target, another object: the bridge then runs on the target,
 * and the receiver argument still names the proxy, whose own m (with the proxy's advice) is what must run.
 */
final class VirtualBridgeEmitter {
    private VirtualBridgeEmitter() {
    }

    /** Whether {@code m} of {@code cn} gets a bridge: an instance method, overridable or overriding. */
    static boolean applies(ClassNode cn, MethodNode m) {
        boolean itf = (cn.access & ACC_INTERFACE) != 0;
        return FusedCallSites.ENABLED && (cn.version & 0xFFFF) >= (itf ? V1_8 : V1_7)
                && (m.access & (ACC_STATIC | ACC_PRIVATE)) == 0 && !m.name.startsWith("<")
                && Type.getReturnType(m.desc).getDescriptor().equals(Names.COROUTINE_DESC)
                && !declares(cn, m.name + Names.BRIDGE_SUFFIX, bridgeDesc(m.desc));
    }

    /** The bridge of {@code m}, which has a direct entry in {@code cn} when {@code direct}. */
    static MethodNode emit(ClassNode cn, MethodNode m, boolean direct) {
        String desc = bridgeDesc(m.desc);
        boolean itf = (cn.access & ACC_INTERFACE) != 0;
        int access = ACC_SYNTHETIC | (itf ? ACC_PUBLIC : m.access & (ACC_PUBLIC | ACC_PROTECTED));
        MethodNode bridge = new MethodNode(Opcodes.ASM9, access, m.name + Names.BRIDGE_SUFFIX, desc, null, null);
        InsnList code = bridge.instructions;
        String receiver = "L" + cn.name + ";";
        Type owner = Type.getObjectType(cn.name);
        int seen = receiverSlot(desc);
        Object[] locals = locals(cn.name, desc);
        if (itf) {
            direct = false;     // no class to test the receiver against: the site for every receiver
        }
        if (direct) {
            LabelNode other = new LabelNode();
            code.add(new VarInsnNode(ALOAD, seen));
            code.add(new MethodInsnNode(INVOKEVIRTUAL, "java/lang/Object", "getClass", "()Ljava/lang/Class;", false));
            code.add(new LdcInsnNode(owner));
            code.add(new JumpInsnNode(IF_ACMPNE, other));
            loadCall(code, desc, cn.name, seen);
            code.add(new MethodInsnNode(INVOKESTATIC, cn.name, m.name, FusedCallSites.directDesc(receiver, m.desc), false));
            code.add(new InsnNode(ARETURN));
            code.add(other);
            code.add(new FrameNode(F_NEW, locals.length, locals, 0, new Object[0]));
        }
        // the receiver the site called, unless a proxy's override handed this bridge something that is not one
        LabelNode cast = new LabelNode();
        code.add(new VarInsnNode(ALOAD, seen));
        code.add(new InsnNode(DUP));
        code.add(new TypeInsnNode(INSTANCEOF, cn.name));
        code.add(new JumpInsnNode(IFNE, cast));
        code.add(new InsnNode(POP));
        code.add(new VarInsnNode(ALOAD, 0));
        code.add(cast);
        code.add(new FrameNode(F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Object"}));
        code.add(new TypeInsnNode(CHECKCAST, cn.name));
        loadArguments(code, desc, seen);
        Handle bootstrap = new Handle(H_INVOKESTATIC, Names.FUSED_CALLS, Names.FUSED_CALLS_LINK_BEHIND_BRIDGE,
                Names.FUSED_CALLS_LINK_DESC, false);
        code.add(new InvokeDynamicInsnNode(m.name, FusedCallSites.directDesc(receiver, m.desc), bootstrap,
                owner, new Handle(itf ? H_INVOKEINTERFACE : H_INVOKEVIRTUAL, cn.name, m.name, m.desc, itf)));
        code.add(new InsnNode(ARETURN));
        return bridge;
    }

    /** {@code (arguments..., Object receiver, Coroutine anchor, int depth)Object}: the direct entry's, the receiver moved. */
    static String bridgeDesc(String methodDesc) {
        String direct = FusedCallSites.directDesc("", methodDesc);
        int tail = direct.lastIndexOf(Names.DIRECT_TAIL);
        return direct.substring(0, tail) + "Ljava/lang/Object;" + direct.substring(tail);
    }

    /** The local slot of the receiver argument: after {@code this} and m's arguments. */
    private static int receiverSlot(String bridgeDesc) {
        Type[] args = Type.getArgumentTypes(bridgeDesc);
        int slot = 1;
        for (int i = 0; i < args.length - 3; i++) {
            slot += args[i].getSize();
        }
        return slot;
    }

    /** The receiver argument as {@code owner}, then m's arguments, the anchor and the depth: a direct entry's call. */
    private static void loadCall(InsnList code, String desc, String owner, int seen) {
        code.add(new VarInsnNode(ALOAD, seen));
        code.add(new TypeInsnNode(CHECKCAST, owner));
        loadArguments(code, desc, seen);
    }

    /** m's arguments, the anchor and the depth: every argument of the bridge but the receiver. */
    private static void loadArguments(InsnList code, String desc, int seen) {
        int slot = 1;
        for (Type t : Type.getArgumentTypes(desc)) {
            if (slot != seen) {
                code.add(new VarInsnNode(t.getOpcode(ILOAD), slot));
            }
            slot += t.getSize();
        }
    }

    private static Object[] locals(String owner, String desc) {
        Type[] args = Type.getArgumentTypes(desc);
        Object[] locals = new Object[args.length + 1];
        locals[0] = owner;
        for (int i = 0; i < args.length; i++) {
            locals[i + 1] = FrameAnalyzer.frameType(new BasicValue(args[i]));
        }
        return locals;
    }

    private static boolean declares(ClassNode cn, String name, String desc) {
        for (MethodNode m : cn.methods) {
            if (m.name.equals(name) && m.desc.equals(desc)) {
                return true;
            }
        }
        return false;
    }
}
