package org.awaitj;

/**
 * How {@link EventLoop#createTask} starts a task: queued for its first step, or eager (asyncio's
 * {@code eager_start}), its first step run at once, inside the call, until it first suspends.
 *
 * <p>An eager step is nested in its creator's code, often inside another task's step: it keeps the loop's
 * trampoline state of that step as it found it, and counts as one more level of inline depth, so that eager
 * tasks that create eager tasks need no more Java stack than the same depth of awaits does. Past that depth
 * (or while the loop is not running on this thread, as in asyncio) the task is queued instead.
 */
final class TaskStart {
    private TaskStart() {
    }

    @SuppressWarnings("unchecked")
    static <T> Task<T> create(EventLoop loop, Coroutine<T> coro, String name, boolean eager) {
        loop.checkOpen();
        Debug.checkThread(loop, "createTask");
        if (coro == Sleep.YIELD) {
            coro = (Coroutine<T>) Sleep.<Void>of(0, null);    // the shared sleep(0) is only for await
        }
        boolean now = eager && loop.thread == Thread.currentThread()
                && loop.inlineDepth < Awaiting.MAX_INLINE_DEPTH;
        Task<T> task = new Task<>(loop, coro, name, now);
        if (now) {
            firstStep(loop, task);
        }
        return task;
    }

    private static void firstStep(EventLoop loop, Task<?> task) {
        int depth = loop.inlineDepth;
        Object resumeValue = loop.resumeValue;
        Coroutine<?> pendingStart = loop.pendingStart;
        loop.inlineDepth = depth + 1;
        loop.resumeValue = null;
        loop.pendingStart = null;
        try {
            task.step();
        } finally {
            loop.inlineDepth = depth;
            loop.resumeValue = resumeValue;
            loop.pendingStart = pendingStart;
        }
    }
}
