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
    /**
     * Schedule exploration (tests only): each turn's entries run in an order drawn from it; null, in FIFO order.
     * Final, so that a turn pays one null check for it and adding or polling an entry nothing.
     */
    private final RandomGenerator schedule;

    ReadyQueue(RandomGenerator schedule) {
        this.schedule = schedule;
    }

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
     * A turn begins with the entries ready now: how many it runs. Under schedule exploration they are shuffled
     * first; what the turn adds behind them keeps its place, and waits for the next turn as always.
     */
    int beginTurn() {
        int n = size;
        if (schedule != null && n > 1) {
            shuffleFirst(n, schedule);
        }
        return n;
    }

    /** Puts the {@code n} oldest entries in an order drawn from {@code random}, a uniform shuffle. */
    private void shuffleFirst(int n, RandomGenerator random) {
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

    /**
     * Drops every entry for good: the loop is closed, and adding throws from now on. A ring let go of is emptied
     * first, for the reason {@link Task#FINISHED} gives: a large one lives in the old generation.
     */
    void close() {
        while (size > 0) {
            poll();     // the rest of the ring is empty already: poll empties each slot it takes
        }
        ring = new Object[0];
    }

    private Object[] grow() {
        Object[] old = ring;
        if (old.length == 0) {
            throw new IllegalStateException("the event loop is closed");
        }
        Object[] q = new Object[old.length * 2];
        for (int i = 0; i < size; i++) {
            int j = (head + i) & (old.length - 1);
            q[i] = old[j];
            old[j] = null;      // see close()
        }
        head = 0;
        ring = q;
        return q;
    }
}
