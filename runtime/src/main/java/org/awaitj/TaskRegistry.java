package org.awaitj;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The pending tasks of one event loop ({@code asyncio.all_tasks}), held strongly so that a task nobody
 * references is never collected mid-flight (asyncio's weak set lets such tasks vanish). The list is threaded
 * through the tasks themselves, one link a task ({@link Task#nextTask}), not two: 4 bytes a task, and what
 * makes a task 40 bytes rather than 48. Without a link back a done task cannot unlink itself, so it stays in the
 * list, skipped, until a sweep. A sweep runs when the done tasks in the list outnumber the pending ones plus
 * {@link #SLACK}: it visits fewer than twice as many tasks as it unlinks, so it costs a constant a task, and the
 * list never holds more done tasks than that (their results wait for a sweep to be collected). Loop thread
 * only.
 */
final class TaskRegistry {
    /** How many more done tasks than pending ones the list may hold before a sweep. */
    static final int SLACK = 16;

    private Task<?> first;
    private Task<?> last;
    /** Tasks in the list, pending and done. */
    private int linked;
    /** Pending tasks. */
    private int count;

    /** A new task: pending until {@link #finished}. */
    void add(Task<?> task) {
        if (last == null) {
            first = task;
        } else {
            last.nextTask = task;
        }
        last = task;
        linked++;
        count++;
    }

    /** One of the tasks is done. */
    void finished() {
        count--;
        if (linked - count > count + SLACK) {
            sweep();
        }
    }

    /**
     * Unlinks every done task. A link is written only where done tasks left a gap: a reference stored into a
     * task that lives in the old generation costs the collector a card to refine.
     */
    private void sweep() {
        Task<?> kept = null;
        boolean gap = true;
        for (Task<?> t = first, next; t != null; t = next) {
            next = t.nextTask;
            if (t.isDone()) {
                t.nextTask = null;
                gap = true;
            } else {
                if (gap) {
                    if (kept == null) {
                        first = t;
                    } else {
                        kept.nextTask = t;
                    }
                    gap = false;
                }
                kept = t;
            }
        }
        if (kept == null) {
            first = null;
        } else if (gap) {
            kept.nextTask = null;
        }
        last = kept;
        linked = count;
    }

    /** The loop is closed: the done tasks leave the list now, so that a future of the loop does not keep them. */
    void close() {
        sweep();
    }

    int count() {
        return count;
    }

    /** Tasks the list holds, done ones not yet swept included: what tests of the sweep look at. */
    int linked() {
        return linked;
    }

    /** The pending tasks, in creation order: a copy. */
    Set<Task<?>> snapshot() {
        Set<Task<?>> out = new LinkedHashSet<>();
        for (Task<?> t = first; t != null; t = t.nextTask) {
            if (!t.isDone()) {
                out.add(t);
            }
        }
        return out;
    }

    /** {@link #snapshot()}, unmodifiable: what {@code AsyncIO.allTasks()} returns. */
    Set<Task<?>> all() {
        return Collections.unmodifiableSet(snapshot());
    }
}
