package org.awaitj;

import java.util.ArrayList;
import java.util.List;

/**
 * Who awaits whom among a loop's tasks, as the task tree, the call graph and {@code pstree} show it: a task
 * awaits the task it is suspended on, the children of a gather it is suspended on, and the children of a task
 * group whose end it is waiting at. Loop thread only; read by inspection, never by the hot paths.
 */
final class Awaits {
    private Awaits() {
    }

    /** The tasks {@code t} waits for. */
    static List<Task<?>> awaitedTasks(Task<?> t) {
        List<Task<?>> out = new ArrayList<>();
        Object w = t.awaiting();
        if (w instanceof Task<?> task) {
            out.add(task);
        } else if (w instanceof Gather<?> g) {
            for (Future<?> f : g.children()) {
                if (f instanceof Task<?> task && !out.contains(task)) {
                    out.add(task);
                }
            }
        }
        for (Coroutine<?> c = t.current; c != null; c = c.caller) {
            if (c instanceof TaskGroup.Exit<?> exit) {
                for (Task<?> child : exit.group().children()) {
                    if (!out.contains(child)) {
                        out.add(child);
                    }
                }
                break;
            }
        }
        return out;
    }

    /** The pending tasks of {@code f}'s loop that wait for {@code f}: directly, or through one of the ways above. */
    static List<Task<?>> awaitersOf(Future<?> f) {
        List<Task<?>> out = new ArrayList<>();
        for (Task<?> t : f.loop.tasks.snapshot()) {
            if (t != f && (t.awaiting() == f || f instanceof Task<?> task && awaitedTasks(t).contains(task))) {
                out.add(t);
            }
        }
        return out;
    }
}
