package org.awaitj.internal;

import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Future;

/**
 * A hand-written coroutine that, when it first runs, starts an operation on the task's loop and awaits the
 * future it returns. Cancelling the awaiting task cancels that future; the operation cleans up in a done
 * callback of it. Nothing starts before the coroutine is awaited or scheduled, as with an {@code @Async} method.
 */
@InternalApi
public final class AwaitOperation<T> extends Coroutine<T> {
    /** Starts the operation on {@code loop}; may throw (checked exceptions reach the awaiter unchanged). */
    public interface Start<T> {
        Future<T> start(EventLoop loop) throws Exception;
    }

    private final String description;
    private final Start<T> start;
    private boolean suspended;

    public AwaitOperation(String description, Start<T> start) {
        this.description = description;
        this.start = start;
    }

    @Override
    protected Object invokeSuspend() {
        if (suspended) {
            return complete(CoroutineSupport.resumeValue(this));
        }
        Future<T> f;
        try {
            f = start.start(CoroutineSupport.loop(this));
        } catch (Exception e) {
            throw CoroutineSupport.sneakyThrow(e);
        }
        if (f.isDone()) {
            return complete(f.result());
        }
        suspended = true;
        return CoroutineSupport.awaitFuture(f, this);
    }

    @Override
    protected String describe() {
        return description;
    }
}
