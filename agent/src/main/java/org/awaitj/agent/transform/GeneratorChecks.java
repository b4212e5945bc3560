package org.awaitj.agent.transform;

import java.util.List;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The refusals of async generators that need no analysis: {@code emit} and {@code finish()} belong to a method
 * that returns {@code AsyncGenerator}, {@code result(...)} to one that returns {@code Coroutine}; and
 * {@code emit} in a method that is not {@code @Async} at all (a lambda's body, most often) cannot suspend.
 */
public final class GeneratorChecks {
    /** How a stray emit's report begins, so that lint can tell it from the refusals it words itself. */
    public static final String STRAY_EMIT = "emit(...) cannot suspend ";

    private GeneratorChecks() {
    }

    static void check(MethodContext ctx) throws Refusal {
        for (AbstractInsnNode n = ctx.method.instructions.getFirst(); n != null; n = n.getNext()) {
            if (ctx.generator && Names.isResult(n)) {
                throw ctx.refuse(n, "an async generator (declared to return " + Names.javaName(Names.ASYNC_GENERATOR)
                        + "<T>) ends with 'return finish();', not result(...): it hands its values to the consumer "
                        + "with emit(value).");
            }
            if (!ctx.generator && Names.isEmit(n)) {
                throw ctx.refuse(n, "emit(...) in a method declared to return " + Names.javaName(Names.COROUTINE)
                        + "<T>: only an async generator emits. Declare it to return "
                        + Names.javaName(Names.ASYNC_GENERATOR) + "<T> and end it with 'return finish();'.");
            }
            if (!ctx.generator && Names.isFinish(n)) {
                throw ctx.refuse(n, "finish() ends an async generator, and this method is declared to return "
                        + Names.javaName(Names.COROUTINE) + "<T>: end it with 'return result(...);'.");
            }
        }
    }

    /**
     * Reports an emit in a method that is not {@code @Async}: it is not rewritten, and its emit throws
     * IllegalStateException when it runs.
     */
    static void strayEmit(ClassNode owner, MethodNode m, List<String> problems) {
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (Names.isEmit(n)) {
                MethodContext ctx = new MethodContext(owner, m, null);
                boolean lambda = m.name.startsWith("lambda$");
                problems.add(STRAY_EMIT + (lambda ? "inside a lambda, " : "in ") + ctx.signature() + " at "
                        + ctx.where(n) + (lambda
                                ? ": a lambda cannot suspend its generator. Emit from the @Async generator method "
                                    + "itself (a for loop rather than forEach)."
                                : ", which is not an async generator. Mark it @Async, returning "
                                    + Names.javaName(Names.ASYNC_GENERATOR) + "<T>.")
                        + " It throws IllegalStateException when it runs.");
                return;
            }
        }
    }
}
