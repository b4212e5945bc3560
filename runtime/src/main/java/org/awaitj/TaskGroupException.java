package org.awaitj;


import java.util.List;

/**
 * What a {@link TaskGroup} throws when children failed: every failure (cancellations excluded), like
 * Python's {@code ExceptionGroup}. Each is attached as a suppressed exception, so the stack trace shows them
 * all, each once; like an {@code ExceptionGroup}, the group has no cause of its own.
 */
public class TaskGroupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<Throwable> exceptions;

    public TaskGroupException(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")");
        this.exceptions = List.copyOf(exceptions);
        for (Throwable e : this.exceptions) {
            addSuppressed(e);
        }
    }

    /** Every failure, in the order they happened. */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
