package org.awaitj;

import java.util.List;
import java.util.Set;

/**
 * {@code AsyncIO.run}, like asyncio's {@code runners}: a new loop on the calling thread for one main
 * coroutine, and the way out of it: the tasks still pending are cancelled and allowed to finish their
 * {@code finally} blocks, the async generators left suspended are closed, the default executor is waited
 * for, and the loop is closed.
 */
final class Runner {
    private static final System.Logger LOG = System.getLogger("org.awaitj");

    private Runner() {
    }

    static <T> T run(Coroutine<T> main, boolean debug) {
        if (main == null) {
            throw new NullPointerException("AsyncIO.run(null): pass the coroutine object, as in run(main())");
        }
        if (RunningLoop.get() != null) {
            throw new IllegalStateException("AsyncIO.run cannot be called from a running event loop: "
                    + "await the coroutine, or createTask it, instead");
        }
        EventLoop loop = new EventLoop();
        loop.setDebug(debug);
        try {
            return loop.runUntilComplete(main);
        } finally {
            try {
                cancelAllTasks(loop);
                loop.runUntilComplete(loop.shutdownAsyncgens());
                loop.runReadyCallbacks();
                loop.defaultExecutor.shutdownAndWait();
            } finally {
                loop.close();
            }
        }
    }

    /** Cancels the tasks main left pending and runs the loop until they are done; reports those that refused. */
    private static void cancelAllTasks(EventLoop loop) {
        Set<Task<?>> left = loop.tasks.all();
        if (left.isEmpty()) {
            return;
        }
        for (Task<?> t : left) {
            if (loop.getDebug()) {
                LOG.log(System.Logger.Level.WARNING, "AsyncIO.run() is ending with " + t + " still pending, suspended at "
                        + t.suspendedAt() + ": cancelling it. Await it before main returns.");
            }
            t.cancel();
        }
        loop.runUntilComplete(Gather.of(loop, true, List.copyOf(left)));
        for (Task<?> t : left) {
            if (t.isCancelled()) {
                continue;
            }
            Throwable e = t.exception();
            if (e != null) {
                LOG.log(System.Logger.Level.ERROR, "unhandled exception during AsyncIO.run() shutdown in " + t, e);
            } else {
                LOG.log(System.Logger.Level.WARNING, t + " refused cancellation at AsyncIO.run() shutdown and returned");
            }
        }
    }
}
