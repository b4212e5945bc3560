package org.awaitj;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The callbacks other threads hand a loop ({@link EventLoop#callSoonThreadsafe}), queued on its next turn, and
 * what a handing thread must know: whether the loop sleeps in its selector and needs waking.
 */
final class Inbox {
    private final ConcurrentLinkedQueue<Handle> handles = new ConcurrentLinkedQueue<>();
    /** The loop blocks in its selector: a callback handed over now must wake it. */
    volatile boolean sleeping;
    /** Once another thread hands the loop a callback, virtual time gives such threads a moment before a jump. */
    volatile boolean handedOverByThreads;

    /** From any thread: queues {@code h}; true when the loop sleeps and must be woken for it. */
    boolean hand(Handle h, Thread loopThread) {
        handles.add(h);
        if (!handedOverByThreads && Thread.currentThread() != loopThread) {
            handedOverByThreads = true;
        }
        return sleeping;
    }

    boolean isEmpty() {
        return handles.isEmpty();
    }

    /** On the loop's thread: what was handed over joins the ready queue, in the order it came. */
    void drainInto(EventLoop loop) {
        Handle h;
        while ((h = handles.poll()) != null) {
            loop.readyAdd(h);
        }
    }

    void clear() {
        handles.clear();
    }
}
