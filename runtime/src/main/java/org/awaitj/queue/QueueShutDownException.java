package org.awaitj.queue;

/**
 * A put into a queue that was shut down, or a get from one that was shut down and is empty (or was shut
 * down immediately), like {@code asyncio.QueueShutDown} (Python 3.13). See {@link Queue#shutdown(boolean)}.
 */
public class QueueShutDownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueShutDownException() {
        super();
    }

    public QueueShutDownException(String message) {
        super(message);
    }
}
