package org.awaitj;

import org.awaitj.internal.CoroutineSupport;

/**
 * The loop inside a task's step: resume a frame, and each caller whose callee completed, until one suspends or
 * the root returns. A callee's outcome reaches its caller through the loop's {@code resumeValue}, not by
 * recursion, so that a chain of any depth resumes on a bounded stack.
 */
final class Trampoline {
    private Trampoline() {
    }

    static void run(Task<?> task, Coroutine<?> frame) {
        EventLoop loop = task.loop;
        // inlineDepth is 0 here from the ready queue; an eager first step goes on from its creator's depth
        for (;;) {
            Object r;
            try {
                r = frame.invokeSuspend();
            } catch (Throwable error) {
                Coroutine<?> up = frame.caller;
                if (up == null) {
                    task.finish(frame, null, error);
                    return;
                }
                AsyncStackTraces.upTheChain(error, frame, up);
                loop.resumeValue = new Awaiting.Thrown(error);
                frame = up;
                continue;
            }
            if (r == CoroutineSupport.SUSPENDED) {
                loop.adopted = null;    // the suspension has unwound: no adoption is in progress
                Coroutine<?> next = loop.pendingStart;
                if (next == null) {
                    task.suspended();
                    return;
                }
                loop.pendingStart = null;
                frame = next;
                continue;
            }
            Coroutine<?> up = frame.caller;
            if (r instanceof Coroutine<?> delegate && r != CoroutineSupport.COMPLETED) {
                if (delegate == Sleep.YIELD) {
                    delegate = Sleep.<Void>of(0, null);     // the shared sleep(0) is only for await
                }
                if (up == null) {
                    task.replacingRoot(frame);
                }
                try {
                    Awaiting.start(delegate, task, up);    // return other(): run it in frame's place
                    frame = delegate;
                    continue;
                } catch (IllegalStateException e) {
                    if (up == null) {
                        task.finish(frame, null, e);
                        return;
                    }
                    loop.resumeValue = new Awaiting.Thrown(e);
                    frame = up;
                    continue;
                }
            }
            Object v = Awaiting.completedValue(frame, r);
            if (up == null) {
                task.finish(frame, v, null);
                return;
            }
            loop.resumeValue = v;
            frame = up;
        }
    }
}
