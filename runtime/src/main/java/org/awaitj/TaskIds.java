package org.awaitj;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ids of one loop's tasks: unique in the JVM and growing on the loop, taken from a JVM-wide counter a block
 * at a time, so that making a task costs no atomic instruction. A loop's blocks start small and double, so
 * that short-lived loops waste few ids. Ids of tasks of different loops are not ordered by when the tasks were
 * made. Loop thread only.
 */
final class TaskIds {
    private static final int LARGEST_BLOCK = 4096;
    private static final AtomicInteger RESERVED = new AtomicInteger();

    /** The id given last; the next is {@code last + 1} while that is below {@link #limit}. */
    private int last;
    private int limit;
    private int block = 16;

    int next() {
        int id = last + 1;
        if (id - limit >= 0) {     // past the block (compared so that the ids may wrap around, as a counter's do)
            id = RESERVED.getAndAdd(block) + 1;
            limit = id + block;
            block = Math.min(block * 2, LARGEST_BLOCK);
        }
        last = id;
        return id;
    }

    /** The id of this loop's task made last (0 before the first): every task it makes later has a greater one. */
    int last() {
        return last;
    }
}
