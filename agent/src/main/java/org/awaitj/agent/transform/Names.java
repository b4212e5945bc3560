package org.awaitj.agent.transform;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;

import static org.objectweb.asm.Opcodes.INVOKESTATIC;

/** The runtime names the agent emits calls to. The agent has no compile-time dependency on the runtime. */
public final class Names {
    public static final String ASYNC_DESC = "Lorg/awaitj/annotations/Async;";
    public static final String COROUTINE = "org/awaitj/Coroutine";
    public static final String COROUTINE_DESC = "L" + COROUTINE + ";";
    public static final String ASYNCIO = "org/awaitj/AsyncIO";
    public static final String SUPPORT = "org/awaitj/CoroutineSupport";
    public static final String AWAIT_AWAITABLE = "(Lorg/awaitj/Awaitable;)Ljava/lang/Object;";
    public static final String AWAIT_STAGE = "(Ljava/util/concurrent/CompletionStage;)Ljava/lang/Object;";
    public static final String RESULT_VALUE = "(Ljava/lang/Object;)" + COROUTINE_DESC;
    public static final String RESULT_VOID = "()" + COROUTINE_DESC;
    public static final String SUPPORT_AWAIT = "(Ljava/lang/Object;" + COROUTINE_DESC + ")Ljava/lang/Object;";
    public static final String SUPPORT_RESULT = "(Ljava/lang/Object;" + COROUTINE_DESC + ")" + COROUTINE_DESC;
    public static final String SUPPORT_RESUME = "(" + COROUTINE_DESC + ")Ljava/lang/Object;";

    private Names() {
    }

    /** {@code AsyncIO.await(...)}, either overload. */
    public static boolean isAwait(AbstractInsnNode insn) {
        return insn instanceof MethodInsnNode m && m.getOpcode() == INVOKESTATIC && m.owner.equals(ASYNCIO)
                && m.name.equals("await") && (m.desc.equals(AWAIT_AWAITABLE) || m.desc.equals(AWAIT_STAGE));
    }

    /** {@code AsyncIO.result(value)} or {@code AsyncIO.result()}. */
    public static boolean isResult(AbstractInsnNode insn) {
        return insn instanceof MethodInsnNode m && m.getOpcode() == INVOKESTATIC && m.owner.equals(ASYNCIO)
                && m.name.equals("result") && (m.desc.equals(RESULT_VALUE) || m.desc.equals(RESULT_VOID));
    }
}
