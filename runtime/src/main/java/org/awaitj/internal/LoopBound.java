package org.awaitj.internal;

import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Future;

/**
 * What the queues and synchronisation primitives share, like asyncio's {@code mixins._LoopBoundMixin}: a
 * primitive belongs to the event loop of the first task that has to wait on it, and refuses waiters from
 * any other loop. Like asyncio's, the primitives are not thread-safe: use them from their loop's thread.
 * Their tasks wait in {@link Waiters}.
 */
@InternalApi
public abstract class LoopBound {
    private EventLoop loop;

    protected LoopBound() {
    }

    /**
     * A new pending future on the loop of the task that runs {@code frame}, for that task to wait on; binds
     * this primitive to that loop on first use.
     */
    final Future<Void> newWaiter(Coroutine<?> frame, Future<Void> spare) {
        EventLoop l = CoroutineSupport.loop(frame);
        if (loop != l) {
            if (loop != null) {
                throw new IllegalStateException(this + " is bound to a different event loop: a queue or "
                        + "synchronisation primitive belongs to the loop of the first task that waited on it. "
                        + "To pass values between the loops of a LoopGroup, complete a CompletableFuture and await "
                        + "it, or run the code on the other loop with runCoroutineThreadsafe");
            }
            loop = l;
        }
        if (spare != null) {
            CoroutineSupport.reuseWaiter(spare);
            return spare;
        }
        return l.createFuture();
    }
}
