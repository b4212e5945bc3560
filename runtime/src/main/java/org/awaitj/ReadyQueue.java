package org.awaitj;

import java.util.random.RandomGenerator;

/**
 * An event loop's ready queue (asyncio's {@code _ready}): the callback {@link Handle}s and {@link Task}s to
 * run, first in first out, in a growable ring array (a power of two long, so an index wraps with a mask).
 * Adding allocates nothing until the ring is full. Loop thread only.
 */
final class ReadyQueue {
    private Object[] ring = new Object[64];
    private int head;
    private int size;

    void add(Object entry) {
        Object[] q = ring;
        if (size == q.length) {
            q = grow();
        }
        q[(head + size) & (q.length - 1)] = entry;
        size++;
    }

    /** The oldest entry, taken off the queue; only when {@link #size()} is positive. */
    Object poll() {
        Object[] q = ring;
        Object e = q[head];
        q[head] = null;
        head = (head + 1) & (q.length - 1);
        size--;
        return e;
    }

    int size() {
        return size;
    }

    /**
     * Puts the {@code n} oldest entries (one turn's worth) in an order drawn from {@code random}, a uniform
     * shuffle: schedule exploration. Entries behind them keep their place, so what a turn schedules still
     * waits for the next one.
     */
    void shuffleFirst(int n, RandomGenerator random) {
        Object[] q = ring;
        int mask = q.length - 1;
        for (int i = n - 1; i > 0; i--) {
            int a = (head + i) & mask;
            int b = (head + random.nextInt(i + 1)) & mask;
            Object e = q[a];
            q[a] = q[b];
            q[b] = e;
        }
    }

    /** Drops every entry for good: the loop is closed, and adding throws from now on. */
    void close() {
        size = 0;
        ring = new Object[0];
    }

    private Object[] grow() {
        Object[] old = ring;
        if (old.length == 0) {
            throw new IllegalStateException("the event loop is closed");
        }
        Object[] q = new Object[old.length * 2];
        for (int i = 0; i < size; i++) {
            q[i] = old[(head + i) & (old.length - 1)];
        }
        head = 0;
        ring = q;
        return q;
    }
}
