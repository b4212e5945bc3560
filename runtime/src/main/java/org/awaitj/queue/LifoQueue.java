package org.awaitj.queue;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * A {@link Queue} that yields the item put last first (a stack), like {@code asyncio.LifoQueue}.
 *
 * @param <T> the type of the items
 */
public class LifoQueue<T> extends Queue<T> {
    /** An unbounded LIFO queue. */
    public LifoQueue() {
        this(0);
    }

    /** A LIFO queue holding at most {@code maxsize} items; unbounded when {@code maxsize <= 0}. */
    public LifoQueue(int maxsize) {
        super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
    }
}
