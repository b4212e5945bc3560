package org.awaitj.internal;

import org.awaitj.*;

import java.util.ArrayDeque;

/**
 * What the queues and synchronisation primitives share, like asyncio's {@code mixins._LoopBoundMixin}: a
 * primitive belongs to the event loop of the first task that has to wait on it, and refuses waiters from
 * any other loop. Like asyncio's, the primitives are not thread-safe: use them from their loop's thread.
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
    protected final Future<Void> newWaiter(Coroutine<?> frame) {
        EventLoop l = CoroutineSupport.loop(frame);
        if (loop != l) {
            if (loop != null) {
                throw new IllegalStateException(this + " is bound to a different event loop: a queue or "
                        + "synchronisation primitive belongs to the loop of the first task that waited on it");
            }
            loop = l;
        }
        return l.createFuture();
    }

    /** The waiters that are not done yet: those woken but not yet run, and cancelled ones, do not count. */
    protected static int pending(ArrayDeque<Future<Void>> waiters) {
        int n = 0;
        if (waiters != null) {
            for (Future<Void> f : waiters) {
                if (!f.isDone()) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * A stack frame for a hand-written coroutine nested in {@code owner}, from its description
     * "Class.method", for {@link org.awaitj.Task#getStack()}.
     */
    protected static StackTraceElement frame(Class<?> owner, String classDotMethod) {
        return new StackTraceElement(owner.getName(), classDotMethod.substring(classDotMethod.indexOf('.') + 1),
                owner.getSimpleName() + ".java", -1);
    }

    /** Throws any exception, checked ones included, unchanged. */
    protected static RuntimeException rethrow(Throwable e) {
        throw CoroutineSupport.sneakyThrow(e);
    }
}
