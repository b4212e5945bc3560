package org.awaitj;

import java.util.PriorityQueue;

/**
 * An event loop's timers (asyncio's {@code _scheduled}): a heap of handles keyed by loop time, timers due at
 * the same time in the order they were scheduled. Loop thread only.
 */
final class Timers {
    private final PriorityQueue<Handle> heap = new PriorityQueue<>();
    private long seq;

    /** A timer at loop time {@code when} that runs a Runnable, or wakes a Task. */
    Handle add(double when, Object callbackOrTask) {
        Handle h = new Handle(callbackOrTask, when, seq++);
        heap.add(h);
        return h;
    }

    /** The next timer to fire, or null: the cancelled ones due before it are dropped. */
    Handle next() {
        while (!heap.isEmpty() && heap.peek().isCancelled()) {
            heap.poll();
        }
        return heap.peek();
    }

    /** Queues what the timers due by now run on {@code loop}; reads the clock only when a timer waits. */
    void queueDue(EventLoop loop) {
        if (heap.isEmpty()) {
            return;
        }
        double now = loop.time();
        while (!heap.isEmpty() && heap.peek().when <= now) {
            Handle h = heap.poll();
            if (!h.isCancelled()) {
                loop.readyAdd(h.callback instanceof Task<?> t ? t : h);
            }
        }
    }

    void clear() {
        heap.clear();
    }
}
