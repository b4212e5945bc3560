package org.awaitj;


/**
 * {@code AsyncIO.shield}: a future that follows an inner awaitable but whose cancellation does not reach it.
 * Cancelling the task that awaits the shield cancels the shield only; the inner task runs on.
 */
final class Shield {
    private Shield() {
    }

    static <T> Future<T> of(EventLoop loop, Awaitable<T> awaitable) {
        Future<T> inner = Awaiting.ensureFuture(loop, awaitable);
        if (inner.isDone()) {
            return inner;
        }
        Future<T> outer = loop.createFuture();
        java.util.function.Consumer<Future<T>> innerDone = done -> {
            if (outer.isCancelled()) {
                if (!done.isCancelled()) {
                    done.exception();       // retrieved: nobody awaits it any more
                }
                return;
            }
            if (outer.isDone()) {
                return;
            }
            outer.copyStateFrom(done);
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(done -> {
            if (!inner.isDone()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }
}
