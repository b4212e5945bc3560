package org.awaitj.agent.transform;

import java.util.List;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;

import static org.objectweb.asm.Opcodes.INVOKESTATIC;

/**
 * Every name of the runtime and the annotations that the agent matches or emits, and nowhere else: the agent has
 * no compile-time dependency on the runtime, so a renamed runtime class or member is changed here alone.
 *
 * <p>The string constants are compile-time constants: javac inlines them, so the pre-filter ({@link AsyncMarker})
 * and the start-up report of late classes use them without loading this class, and with it ASM.
 */
public final class Names {
    /** The annotation, as class files name it and as {@link Class#getName} does. */
    public static final String ASYNC = "org/awaitj/annotations/Async";
    public static final String ASYNC_DESC = "L" + ASYNC + ";";
    public static final String ASYNC_CLASS_NAME = "org.awaitj.annotations.Async";

    /** The agent's own classes, as {@link Class#getName} names them. */
    public static final String AGENT_PACKAGE = "org.awaitj.agent.";

    public static final String COROUTINE = "org/awaitj/Coroutine";
    public static final String COROUTINE_DESC = "L" + COROUTINE + ";";
    /** The frame class overrides these of {@code Coroutine}: the body's entry, the name and where it awaits. */
    public static final String COROUTINE_INVOKE_SUSPEND = "invokeSuspend";
    public static final String COROUTINE_DESCRIBE = "describe";
    public static final String COROUTINE_STACK_TRACE_ELEMENT = "stackTraceElement";

    /** An @Async method declared to return this is an async generator; its frame extends GENERATOR_FRAME. */
    public static final String ASYNC_GENERATOR = "org/awaitj/AsyncGenerator";
    public static final String ASYNC_GENERATOR_DESC = "L" + ASYNC_GENERATOR + ";";
    public static final String GENERATOR_FRAME = "org/awaitj/internal/GeneratorFrame";
    /** A generator's frame overrides this instead of invokeSuspend, which the base class keeps. */
    public static final String GENERATOR_INVOKE_BODY = "invokeBody";
    public static final String GENERATOR_EMIT = "emit";
    public static final String GENERATOR_EMIT_DESC = "(Ljava/lang/Object;L" + GENERATOR_FRAME + ";)Ljava/lang/Object;";
    public static final String GENERATOR_RESUME_EMIT = "resumeEmit";
    public static final String GENERATOR_RESUME_EMIT_DESC = "(L" + GENERATOR_FRAME + ";)V";

    public static final String AWAITABLE = "org/awaitj/Awaitable";
    public static final String AWAITABLE_DESC = "L" + AWAITABLE + ";";

    /** The runtime's AsyncCloseable types that are known without reading a class file. */
    public static final String ASYNC_CLOSEABLE = "org/awaitj/AsyncCloseable";
    public static final String TASK_GROUP = "org/awaitj/TaskGroup";
    public static final String TIMEOUT = "org/awaitj/Timeout";

    /** What refusals tell to use instead of {@code synchronized}. */
    public static final String LOCK = "org/awaitj/sync/Lock";

    /** {@code AsyncIO.await(...)} and {@code AsyncIO.result(...)}, which the rewriting replaces. */
    public static final String ASYNCIO = "org/awaitj/AsyncIO";
    public static final String AWAIT = "await";
    public static final String AWAIT_AWAITABLE = "(" + AWAITABLE_DESC + ")Ljava/lang/Object;";
    public static final String AWAIT_STAGE = "(Ljava/util/concurrent/CompletionStage;)Ljava/lang/Object;";
    public static final String RESULT = "result";
    public static final String RESULT_VALUE = "(Ljava/lang/Object;)" + COROUTINE_DESC;
    public static final String RESULT_VOID = "()" + COROUTINE_DESC;
    /** {@code AsyncIO.emit(value)} and {@code AsyncIO.finish()}, of async generators. */
    public static final String EMIT = "emit";
    public static final String EMIT_DESC = "(Ljava/lang/Object;)V";
    public static final String FINISH = "finish";
    public static final String FINISH_DESC = "()" + ASYNC_GENERATOR_DESC;

    /** What generated code calls. */
    public static final String SUPPORT = "org/awaitj/internal/CoroutineSupport";
    public static final String SUPPORT_SUSPENDED = "SUSPENDED";
    public static final String SUPPORT_AWAIT = "await";
    public static final String SUPPORT_AWAIT_DESC = "(Ljava/lang/Object;" + COROUTINE_DESC + ")Ljava/lang/Object;";
    public static final String SUPPORT_RESUME_VALUE = "resumeValue";
    public static final String SUPPORT_RESUME_VALUE_DESC = "(" + COROUTINE_DESC + ")Ljava/lang/Object;";
    public static final String SUPPORT_RESULT = "result";
    public static final String SUPPORT_RESULT_DESC = "(Ljava/lang/Object;" + COROUTINE_DESC + ")" + COROUTINE_DESC;
    public static final String SUPPORT_RETURNED = "returned";
    public static final String SUPPORT_RETURNED_DESC = "(Ljava/lang/Object;" + COROUTINE_DESC + ")Ljava/lang/Object;";
    public static final String SUPPORT_CLOSE_ASYNC = "closeAsync";
    public static final String SUPPORT_CLOSE_ASYNC_DESC = "(L" + ASYNC_CLOSEABLE + ";)" + AWAITABLE_DESC;
    public static final String SUPPORT_EXIT_ASYNC = "exitAsync";
    public static final String SUPPORT_EXIT_ASYNC_DESC = "(L" + ASYNC_CLOSEABLE + ";Ljava/lang/Throwable;)" + AWAITABLE_DESC;
    public static final String SUPPORT_BLOCKING_CALL = "blockingCall";
    public static final String SUPPORT_BLOCKING_CALL_DESC = "(Ljava/lang/String;Ljava/lang/String;)V";
    public static final String SUPPORT_DISCARDED = "discarded";
    public static final String SUPPORT_KEPT = "kept";
    /** The descriptor of both marks: the coroutine and "File.java:line". */
    public static final String SUPPORT_MARK_DESC = "(Ljava/lang/Object;Ljava/lang/String;)V";
    /** The fused await path: direct entries, their call sites' bootstrap, and what they call. */
    public static final String SUPPORT_FUSED_DEPTH = "fusedDepth";
    public static final String SUPPORT_FUSED_DEPTH_DESC = "(" + COROUTINE_DESC + ")I";
    public static final String SUPPORT_FUSED_AWAIT = "fusedAwait";
    public static final String SUPPORT_FUSED_AWAIT_DESC = "(Ljava/lang/Object;" + COROUTINE_DESC + "I)Ljava/lang/Object;";
    public static final String SUPPORT_FUSED_AWAIT_DEEP = "fusedAwaitDeep";
    public static final String SUPPORT_FUSED_AWAIT_DEEP_DESC = "(" + COROUTINE_DESC + COROUTINE_DESC + ")Ljava/lang/Object;";
    public static final String SUPPORT_FUSED_ADOPT = "fusedAdopt";
    public static final String SUPPORT_FUSED_ADOPT_DESC = "(" + COROUTINE_DESC + COROUTINE_DESC + ")V";
    public static final String FUSED_CALLS = "org/awaitj/internal/FusedCalls";
    public static final String FUSED_CALLS_LINK = "link";
    public static final String FUSED_CALLS_LINK_DESC = "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
            + "Ljava/lang/invoke/MethodType;Ljava/lang/Class;Ljava/lang/invoke/MethodHandle;)Ljava/lang/invoke/CallSite;";
    /** The bootstrap of the fused site inside a virtual bridge, which links no bridge itself. */
    public static final String FUSED_CALLS_LINK_BEHIND_BRIDGE = "linkBehindBridge";
    /** What an instance method's virtual bridge adds to its name: {@code deposit$fused}. */
    public static final String BRIDGE_SUFFIX = "$fused";
    /** What a direct entry's parameters end with, after the method's own: the anchor frame and the depth. */
    public static final String DIRECT_TAIL = COROUTINE_DESC + "I";
    /**
     * The inline depth past which a direct entry starts its coroutine from the task's step loop instead: the
     * runtime's {@code Awaiting.MAX_INLINE_DEPTH}, which inline awaits use.
     */
    public static final int DIRECT_MAX_DEPTH = 200;

    /** The class attribute that marks a class (or frame class) rewritten at build time; the agent leaves it alone. */
    public static final String REWRITTEN_ATTRIBUTE = "org.awaitj.Rewritten";

    /** The runtime's packages below the core one (internal names); the agent's own is "org/awaitj/agent/". */
    private static final String ROOT = "org/awaitj/";
    private static final List<String> RUNTIME_SUBPACKAGES = List.of(
            "sync/", "queue/", "io/", "process/", "internal/", "agent/");

    private Names() {
    }

    /** "org.awaitj.sync.Lock" for "org/awaitj/sync/Lock": how messages name a class. */
    public static String javaName(String internalName) {
        return internalName.replace('/', '.');
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
                && m.name.equals(AWAIT) && (m.desc.equals(AWAIT_AWAITABLE) || m.desc.equals(AWAIT_STAGE));
    }

    /** {@code AsyncIO.emit(value)}. */
    public static boolean isEmit(AbstractInsnNode insn) {
        return isAsyncIO(insn, EMIT, EMIT_DESC);
    }

    /** {@code AsyncIO.finish()}. */
    public static boolean isFinish(AbstractInsnNode insn) {
        return isAsyncIO(insn, FINISH, FINISH_DESC);
    }

    /** Where a method may suspend: an await, or an emit of a generator. */
    public static boolean isSuspensionPoint(AbstractInsnNode insn) {
        return isAwait(insn) || isEmit(insn);
    }

    private static boolean isAsyncIO(AbstractInsnNode insn, String name, String desc) {
        return insn instanceof MethodInsnNode m && m.getOpcode() == INVOKESTATIC && m.owner.equals(ASYNCIO)
                && m.name.equals(name) && m.desc.equals(desc);
    }

    /** {@code AsyncIO.result(value)} or {@code AsyncIO.result()}. */
    public static boolean isResult(AbstractInsnNode insn) {
        return insn instanceof MethodInsnNode m && m.getOpcode() == INVOKESTATIC && m.owner.equals(ASYNCIO)
                && m.name.equals(RESULT) && (m.desc.equals(RESULT_VALUE) || m.desc.equals(RESULT_VOID));
    }
}
