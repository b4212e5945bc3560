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
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.BasicValue;

import static org.objectweb.asm.Opcodes.*;

/**
 * Emits an {@code @Async} instance method's virtual bridge, {@code m$fused(args..., Coroutine anchor, int depth)}:
 * an instance method that each rewritten override overrides in turn, so that a fused site whose receivers are of
 * more classes than it links behind class tests reaches the receiver's direct entry through the JVM's own
 * dispatch instead of a table. The bridge runs its class's direct entry only for receivers of exactly that class:
 * a subclass that overrides m without being rewritten (a hand-made coroutine, a mock, a class loaded as
 * compiled) inherits the bridge but must run its own m. Every other receiver, and a method without a direct entry,
 * takes an ordinary fused site inside the bridge ({@code FusedCalls.linkBehindBridge}), which finds what the
 * receiver's class runs. An interface's bridge is a default method with only that site, for the implementations
 * that are not rewritten; since it has no class to test the receiver against, and a {@code java.lang.reflect.Proxy}
 * would hand it to its invocation handler as a method of its own, an interface call takes it only for receivers
 * that implement {@code FusedReceiver}, which the agent adds to each class it gives a bridge.
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

    /** The bridge of {@code m}, which has a direct entry in {@code cn} when {@code direct}; marks a class {@code FusedReceiver}. */
    static MethodNode emit(ClassNode cn, MethodNode m, boolean direct) {
        String desc = bridgeDesc(m.desc);
        boolean itf = (cn.access & ACC_INTERFACE) != 0;
        int access = ACC_SYNTHETIC | (itf ? ACC_PUBLIC : m.access & (ACC_PUBLIC | ACC_PROTECTED));
        MethodNode bridge = new MethodNode(Opcodes.ASM9, access, m.name + Names.BRIDGE_SUFFIX, desc, null, null);
        InsnList code = bridge.instructions;
        String receiver = "L" + cn.name + ";";
        if (itf) {
            direct = false;     // no class to test the receiver against: the site for every receiver
        } else if (!cn.interfaces.contains(Names.FUSED_RECEIVER)) {
            cn.interfaces.add(Names.FUSED_RECEIVER);
        }
        if (direct) {
            LabelNode other = new LabelNode();
            code.add(new VarInsnNode(ALOAD, 0));
            code.add(new MethodInsnNode(INVOKEVIRTUAL, "java/lang/Object", "getClass", "()Ljava/lang/Class;", false));
            code.add(new LdcInsnNode(Type.getObjectType(cn.name)));
            code.add(new JumpInsnNode(IF_ACMPNE, other));
            loadAll(code, desc);
            code.add(new MethodInsnNode(INVOKESTATIC, cn.name, m.name, FusedCallSites.directDesc(receiver, m.desc), false));
            code.add(new InsnNode(ARETURN));
            code.add(other);
            Object[] locals = locals(cn.name, desc);
            code.add(new FrameNode(F_NEW, locals.length, locals, 0, new Object[0]));
        }
        loadAll(code, desc);
        Handle bootstrap = new Handle(H_INVOKESTATIC, Names.FUSED_CALLS, Names.FUSED_CALLS_LINK_BEHIND_BRIDGE,
                Names.FUSED_CALLS_LINK_DESC, false);
        code.add(new InvokeDynamicInsnNode(m.name, FusedCallSites.directDesc(receiver, m.desc), bootstrap,
                Type.getObjectType(cn.name), new Handle(itf ? H_INVOKEINTERFACE : H_INVOKEVIRTUAL, cn.name, m.name, m.desc,
                itf)));
        code.add(new InsnNode(ARETURN));
        return bridge;
    }

    /** {@code (arguments..., Coroutine anchor, int depth)Object}: the direct entry's, without the receiver. */
    static String bridgeDesc(String methodDesc) {
        return FusedCallSites.directDesc("", methodDesc);
    }

    private static void loadAll(InsnList code, String desc) {
        code.add(new VarInsnNode(ALOAD, 0));
        int slot = 1;
        for (Type t : Type.getArgumentTypes(desc)) {
            code.add(new VarInsnNode(t.getOpcode(ILOAD), slot));
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
