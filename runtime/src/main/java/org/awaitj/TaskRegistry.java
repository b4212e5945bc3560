package org.awaitj;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The pending tasks of one event loop ({@code asyncio.all_tasks}), held strongly so that a task nobody
 * references is never collected mid-flight (asyncio's weak set lets such tasks vanish). The list is threaded
 * through the tasks themselves ({@link Task#prevTask}, {@link Task#nextTask}), which costs two fields a task
 * instead of a hash set's entry. Loop thread only.
 */
final class TaskRegistry {
    private Task<?> first;
    private Task<?> last;
    private int count;

    /** A new task: pending until {@link #remove}. */
    void add(Task<?> task) {
        task.prevTask = last;
        if (last == null) {
            first = task;
        } else {
            last.nextTask = task;
        }
        last = task;
        count++;
    }

    /** A task that is done. */
    void remove(Task<?> task) {
        Task<?> prev = task.prevTask;
        Task<?> next = task.nextTask;
        if (prev == null) {
            first = next;
        } else {
            prev.nextTask = next;
        }
        if (next == null) {
            last = prev;
        } else {
            next.prevTask = prev;
        }
        task.prevTask = null;
        task.nextTask = null;
        count--;
    }

    int count() {
        return count;
    }

    /** The pending tasks, in creation order: a copy. */
    Set<Task<?>> snapshot() {
        Set<Task<?>> out = new LinkedHashSet<>();
        for (Task<?> t = first; t != null; t = t.nextTask) {
            out.add(t);
        }
        return out;
    }

    /** {@link #snapshot()}, unmodifiable: what {@code AsyncIO.allTasks()} returns. */
    Set<Task<?>> all() {
        return Collections.unmodifiableSet(snapshot());
    }
}
