package org.awaitj;

/**
 * A hand-written coroutine that, when it first runs, starts an operation on the task's loop and awaits the
 * future it returns. Cancelling the awaiting task cancels that future; the operation cleans up in a done
 * callback of it. Nothing starts before the coroutine is awaited or scheduled, as with an {@code @Async} method.
 */
final class AwaitOperation<T> extends Coroutine<T> {
    /** Starts the operation on {@code loop}; may throw (checked exceptions reach the awaiter unchanged). */
    interface Start<T> {
        Future<T> start(EventLoop loop) throws Exception;
    }

    private final String description;
    private final Start<T> start;
    private boolean suspended;

    AwaitOperation(String description, Start<T> start) {
        this.description = description;
        this.start = start;
    }

    @Override
    protected Object invokeSuspend() {
        if (suspended) {
            return complete(CoroutineSupport.resumeValue(this));
        }
        Task<?> t = task();
        Future<T> f;
        try {
            f = start.start(t.loop);
        } catch (Exception e) {
            throw CoroutineSupport.sneakyThrow(e);
        }
        if (f.isDone()) {
            return complete(f.result());
        }
        suspended = true;
        t.suspendOn(f, this);
        return CoroutineSupport.SUSPENDED;
    }

    @Override
    protected String describe() {
        return description;
    }
}
