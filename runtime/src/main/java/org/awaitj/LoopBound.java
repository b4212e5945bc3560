package org.awaitj;

import java.util.ArrayDeque;

/**
 * What the queues and synchronisation primitives share, like asyncio's {@code mixins._LoopBoundMixin}: a
 * primitive belongs to the event loop of the first task that has to wait on it, and refuses waiters from
 * any other loop. Like asyncio's, the primitives are not thread-safe: use them from their loop's thread.
 */
abstract class LoopBound {
    private EventLoop loop;

    LoopBound() {
    }

    /**
     * A new pending future on the loop of the task that runs {@code frame}, for that task to wait on; binds
     * this primitive to that loop on first use.
     */
    final Future<Void> newWaiter(Coroutine<?> frame) {
        EventLoop l = frame.task().loop;
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
    static int pending(ArrayDeque<Future<Void>> waiters) {
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

    /** A stack frame for a hand-written coroutine, from its description "Class.method", for {@link Task#getStack()}. */
    static StackTraceElement frame(String classDotMethod) {
        int dot = classDotMethod.indexOf('.');
        String cls = classDotMethod.substring(0, dot);
        return new StackTraceElement("org.awaitj." + cls, classDotMethod.substring(dot + 1), cls + ".java", -1);
    }

    /** Throws any exception, checked ones included, unchanged. */
    static RuntimeException rethrow(Throwable e) {
        throw CoroutineSupport.sneakyThrow(e);
    }
}
