package org.awaitj.queue;

import java.util.NoSuchElementException;

/**
 * {@link Queue#getNowait} on an empty queue, like {@code asyncio.QueueEmpty}. A
 * {@link NoSuchElementException}, as {@code java.util.Queue.remove} throws on an empty queue.
 */
public class QueueEmptyException extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    public QueueEmptyException() {
        super();
    }

    public QueueEmptyException(String message) {
        super(message);
    }
}
