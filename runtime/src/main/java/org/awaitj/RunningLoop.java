package org.awaitj;

/**
 * Which event loop runs on which thread (asyncio's {@code _get_running_loop}): a thread-local, behind a
 * cache of the loop entered last, so that the common case (one loop) needs no thread-local look-up.
 */
final class RunningLoop {
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();
    /** The loop entered most recently, on whichever thread. */
    private static volatile EventLoop lastEntered;
    /** Every running loop, for the tools that look at them from outside (JFR's periodic events, ps). */
    private static final java.util.Set<EventLoop> ALL = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private RunningLoop() {
    }

    /** The loop running on the calling thread, or null. */
    static EventLoop get() {
        EventLoop last = lastEntered;
        if (last != null && last.thread == Thread.currentThread()) {
            return last;
        }
        return RUNNING.get();
    }

    /** The loop running on the calling thread; {@link IllegalStateException} when there is none. */
    static EventLoop require() {
        EventLoop loop = get();
        if (loop == null) {
            String none = "no running event loop on thread " + Thread.currentThread().getName();
            String notRewritten = NotRewritten.explanation();
            throw new IllegalStateException(notRewritten != null ? notRewritten + " (" + none + ")"
                    : none + ": start one with AsyncIO.run(main()), or use runCoroutineThreadsafe from other threads");
        }
        return loop;
    }

    /**
     * {@code loop} runs on the calling thread from now on; a second loop on one thread is refused (nested loops
     * would starve each other). The cache serves a thread only once the loop's {@link EventLoop#thread()} is it.
     */
    static void enter(EventLoop loop) {
        if (RUNNING.get() != null) {
            throw new IllegalStateException("another event loop is running on this thread: "
                    + "await the work from there instead of starting a nested loop");
        }
        RUNNING.set(loop);
        lastEntered = loop;
        ALL.add(loop);
    }

    /** {@code loop} stops running on the calling thread. */
    static void exit(EventLoop loop) {
        ALL.remove(loop);
        RUNNING.remove();
        if (lastEntered == loop) {
            lastEntered = null;
        }
    }

    /** The loops running now, on any thread: a copy. */
    static java.util.List<EventLoop> all() {
        return java.util.List.copyOf(ALL);
    }
}
