package org.awaitj.queue;

import java.util.Comparator;

/**
 * A {@link Queue} that yields its smallest item first, like {@code asyncio.PriorityQueue}: in natural order,
 * or in the order of a {@link Comparator}. Items that compare equal come out in no particular order (it is a
 * heap, as Python's {@code heapq}); give them a sequence number as a tie-breaker when their order matters.
 *
 * @param <T> the type of the items: {@link Comparable}, unless a comparator is given
 */
public class PriorityQueue<T> extends Queue<T> {
    /** An unbounded priority queue in natural order. */
    public PriorityQueue() {
        this(0, null);
    }

    /** A priority queue in natural order holding at most {@code maxsize} items; unbounded when {@code <= 0}. */
    public PriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /** An unbounded priority queue in the comparator's order. */
    public PriorityQueue(Comparator<? super T> comparator) {
        this(0, comparator);
    }

    /** A priority queue in the comparator's order (natural order if null) holding at most {@code maxsize} items. */
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize, new java.util.PriorityQueue<>(comparator));
    }
}
