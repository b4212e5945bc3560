package org.awaitj.queue;

/**
 * {@link Queue#putNowait} on a full queue, like {@code asyncio.QueueFull}. An {@link IllegalStateException},
 * as {@code java.util.Queue.add} throws on a full queue.
 */
public class QueueFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public QueueFullException() {
        super();
    }

    public QueueFullException(String message) {
        super(message);
    }
}
