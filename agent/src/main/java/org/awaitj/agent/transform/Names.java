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
    public static final String SUPPORT = "org/awaitj/internal/CoroutineSupport";
    public static final String AWAIT_AWAITABLE = "(Lorg/awaitj/Awaitable;)Ljava/lang/Object;";
    public static final String AWAIT_STAGE = "(Ljava/util/concurrent/CompletionStage;)Ljava/lang/Object;";
    public static final String RESULT_VALUE = "(Ljava/lang/Object;)" + COROUTINE_DESC;
    public static final String RESULT_VOID = "()" + COROUTINE_DESC;
    public static final String SUPPORT_AWAIT = "(Ljava/lang/Object;" + COROUTINE_DESC + ")Ljava/lang/Object;";
    public static final String SUPPORT_RESULT = "(Ljava/lang/Object;" + COROUTINE_DESC + ")" + COROUTINE_DESC;
    public static final String SUPPORT_RESUME = "(" + COROUTINE_DESC + ")Ljava/lang/Object;";
    /** The class attribute that marks a class (or frame class) rewritten at build time; the agent leaves it alone. */
    public static final String REWRITTEN_ATTRIBUTE = "org.awaitj.Rewritten";

    /** The runtime's packages below the core one (internal names); the agent's own is "org/awaitj/agent/". */
    private static final String ROOT = "org/awaitj/";
    private static final java.util.List<String> RUNTIME_SUBPACKAGES = java.util.List.of(
            "sync/", "queue/", "io/", "process/", "internal/", "agent/");

    private Names() {
    }

    /** True for a class of the awaitj runtime or agent itself, which the debug-mode marker leaves alone. */
    public static boolean isAwaitjClass(String internalName) {
        if (!internalName.startsWith(ROOT)) {
            return false;
        }
        String rest = internalName.substring(ROOT.length());
        if (rest.indexOf('/') < 0) {
            return true;        // the core package
        }
        for (String p : RUNTIME_SUBPACKAGES) {
            if (rest.startsWith(p) && rest.indexOf('/', p.length()) < 0) {
                return true;
            }
        }
        return false;
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
