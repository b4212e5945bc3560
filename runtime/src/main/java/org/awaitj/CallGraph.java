package org.awaitj;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A future's place among the awaits of its loop, like asyncio 3.14's {@code FutureCallGraph}: for a task, its
 * await chain (innermost first, the line each coroutine is at); and, for any future, the call graphs of the
 * tasks that await it, recursively. {@link Task#callGraph()} captures one, {@link AsyncIO#printCallGraph()}
 * prints the current task's; {@link #toString()} is asyncio's {@code format_call_graph}. Captured on the loop's
 * thread; a task met twice on one path (a cycle of awaits) is not followed again.
 */
public final class CallGraph {
    private final Future<?> future;
    private final List<StackTraceElement> callStack;
    private final List<CallGraph> awaitedBy;

    private CallGraph(Future<?> future, List<StackTraceElement> callStack, List<CallGraph> awaitedBy) {
        this.future = future;
        this.callStack = List.copyOf(callStack);
        this.awaitedBy = List.copyOf(awaitedBy);
    }

    static CallGraph of(Future<?> f) {
        return of(f, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static CallGraph of(Future<?> f, Set<Future<?>> onPath) {
        onPath.add(f);
        List<StackTraceElement> stack = f instanceof Task<?> t ? AsyncStackTraces.chainOf(t) : List.of();
        List<CallGraph> awaiters = new ArrayList<>();
        if (!f.isDone()) {
            for (Task<?> a : Awaits.awaitersOf(f)) {
                if (!onPath.contains(a)) {
                    awaiters.add(of(a, onPath));
                }
            }
        }
        onPath.remove(f);
        return new CallGraph(f, stack, awaiters);
    }

    /** The task or future this graph is about. */
    public Future<?> future() {
        return future;
    }

    /** The task's await chain, innermost first: empty for a future that is not a task, or a task that is done. */
    public List<StackTraceElement> callStack() {
        return callStack;
    }

    /** The graphs of the tasks waiting for this one. */
    public List<CallGraph> awaitedBy() {
        return awaitedBy;
    }

    /** asyncio's {@code format_call_graph}: the future, its call stack, then what awaits it, indented. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        render(this, 0, out);
        return out.toString();
    }

    private static void render(CallGraph g, int level, StringBuilder out) {
        String indent = "    ".repeat(level);
        if (g.future instanceof Task<?> t) {
            out.append(indent).append("* Task(name='").append(t.getName()).append("', id=").append(t.id()).append(")\n");
        } else {
            out.append(indent).append("* ").append(g.future).append('\n');
        }
        if (!g.callStack.isEmpty()) {
            out.append(indent).append("  + Call stack:\n");
            for (StackTraceElement e : g.callStack) {
                out.append(indent).append("  |   at ").append(e).append('\n');
            }
        }
        if (!g.awaitedBy.isEmpty()) {
            out.append(indent).append("  + Awaited by:\n");
            for (CallGraph a : g.awaitedBy) {
                render(a, level + 1, out);
            }
        }
    }
}
