package org.awaitj;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link EventLoop#dumpTasks()}: the pending tasks as a tree of who awaits whom, like
 * {@code python -m asyncio pstree}.
 */
final class TaskTree {
    private TaskTree() {
    }

    /** The tree of {@code loop}'s tasks; from another thread than the loop's, read on the loop's thread. */
    static String dump(EventLoop loop) {
        Thread owner = loop.thread();
        if (owner == null || owner == Thread.currentThread()) {
            return of(loop.tasks.snapshot());
        }
        // from a management thread: read the tasks on the loop's own thread
        CompletableFuture<String> tree = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> tree.complete(of(loop.tasks.snapshot())));
        try {
            return tree.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return "the loop did not answer within 5 seconds: a step is holding it\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted\n";
        } catch (ExecutionException e) {
            return "failed: " + e.getCause() + "\n";
        }
    }

    private static String of(Set<Task<?>> tasks) {
        Map<Task<?>, List<Task<?>>> children = new LinkedHashMap<>();
        List<Task<?>> awaited = new ArrayList<>();
        for (Task<?> t : tasks) {
            children.put(t, new ArrayList<>());
        }
        for (Task<?> t : tasks) {
            for (Task<?> child : awaitedTasks(t.awaiting())) {
                if (children.containsKey(child) && !awaited.contains(child)) {
                    children.get(t).add(child);
                    awaited.add(child);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (Task<?> t : tasks) {
            if (!awaited.contains(t)) {
                print(t, children, "", out);
            }
        }
        return out.toString();
    }

    private static List<Task<?>> awaitedTasks(Object awaiting) {
        List<Task<?>> out = new ArrayList<>();
        if (awaiting instanceof Task<?> t) {
            out.add(t);
        } else if (awaiting instanceof Gather<?> g) {
            for (Future<?> f : g.children()) {
                if (f instanceof Task<?> t) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static void print(Task<?> t, Map<Task<?>, List<Task<?>>> children, String indent, StringBuilder out) {
        out.append(indent).append(t.getName()).append(' ').append(t.getCoroutine().describe())
                .append(" suspended at ").append(t.suspendedAt())
                .append(" awaiting ").append(describe(t.awaiting()))
                .append(" steps=").append(t.steps());
        if (t.secondsOnLoop() > 0) {
            out.append(" on-loop=").append(Debug.seconds(t.secondsOnLoop())).append('s');
        }
        if (t.createdAt() != null) {
            out.append(" created at ").append(Debug.where(t.createdAt()));
        }
        out.append('\n');
        for (Task<?> child : children.get(t)) {
            print(child, children, indent + "  ", out);
        }
    }

    private static String describe(Object awaiting) {
        if (awaiting == null) {
            return "nothing (ready)";
        }
        if (awaiting instanceof Task<?> t) {
            return "task " + t.getName();
        }
        if (awaiting instanceof Handle h) {
            return "a timer due at " + Debug.seconds(h.when());
        }
        return awaiting.toString();
    }
}
