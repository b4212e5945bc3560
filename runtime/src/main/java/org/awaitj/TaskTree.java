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
import java.util.function.Supplier;

/**
 * {@link EventLoop#dumpTasks()}: the pending tasks as a tree of who awaits whom, like
 * {@code python -m asyncio pstree}.
 */
final class TaskTree {
    private TaskTree() {
    }

    /** The tree of {@code loop}'s tasks; from another thread than the loop's, read on the loop's thread. */
    static String dump(EventLoop loop) {
        try {
            String tree = onLoopThread(loop, () -> of(loop.tasks.snapshot()), 5000);
            return tree != null ? tree : "the loop did not answer within 5 seconds: a step is holding it\n";
        } catch (IllegalStateException e) {
            return "failed: " + e.getCause() + "\n";
        }
    }

    /**
     * {@code what}, computed on the loop's thread: at once on that thread or when the loop is not running, else
     * handed to the loop. Null when the loop does not answer within {@code millis} (a step holds it) or is closed.
     */
    static <T> T onLoopThread(EventLoop loop, Supplier<T> what, long millis) {
        Thread owner = loop.thread;
        if (owner == null || owner == Thread.currentThread()) {
            return what.get();
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            loop.callSoonThreadsafe(() -> {
                try {
                    answer.complete(what.get());
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
            return answer.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (IllegalStateException closed) {
            return null;
        }
    }

    private static String of(Set<Task<?>> tasks) {
        Map<Task<?>, List<Task<?>>> children = new LinkedHashMap<>();
        List<Task<?>> awaited = new ArrayList<>();
        for (Task<?> t : tasks) {
            children.put(t, new ArrayList<>());
        }
        for (Task<?> t : tasks) {
            for (Task<?> child : Awaits.awaitedTasks(t)) {
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

    private static void print(Task<?> t, Map<Task<?>, List<Task<?>>> children, String indent, StringBuilder out) {
        out.append(indent).append(t.getName()).append(' ').append(t.getCoroutine().describe())
                .append(" suspended at ").append(SuspendedAt.of(t))
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

    static String describe(Object awaiting) {
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
