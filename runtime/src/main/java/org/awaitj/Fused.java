package org.awaitj;

import org.awaitj.internal.CoroutineSupport;

/**
 * The fused await path: for {@code await(m(args))} the agent calls m's direct entry, which runs m's body on the
 * Java stack with no frame object, and allocates m's frame only at the first await that really suspends
 * (.NET's async state machines, boxed at the first incomplete await). A direct entry is handed the frame it
 * runs on behalf of, the anchor: the nearest coroutine of the chain that has a frame, whose task it runs in.
 *
 * <p>When a direct entry suspends, the suspension unwinds innermost first, and each direct entry on the way
 * spills its locals into a new frame and {@link #adopt adopts} it: the frame goes between the anchor and what
 * was linked to the anchor so far, so that when the suspension has unwound, the frames form the chain the
 * awaits would have built. From then on they resume as any frame does.
 */
final class Fused {
    private Fused() {
    }

    /** The depth a direct call from {@code frame}'s body starts at: the inline awaits already on the stack. */
    static int depth(Coroutine<?> frame) {
        return frame.task.loop.inlineDepth;
    }

    /**
     * {@code await(x)} in a direct entry at {@code depth} (or the fallback of a fused call whose callee has no
     * direct entry): a coroutine runs inline counting the direct calls beneath it, so the stack stays bounded.
     */
    static Object await(Object awaitable, Coroutine<?> anchor, int depth) {
        if (!(awaitable instanceof Coroutine<?> c)) {
            return Awaiting.await(awaitable, anchor);
        }
        EventLoop loop = anchor.task.loop;
        int saved = loop.inlineDepth;
        loop.inlineDepth = depth;
        try {
            return Awaiting.awaitCoroutine(c, anchor);
        } finally {
            loop.inlineDepth = saved;
        }
    }

    /**
     * A direct entry called past the inline depth: its coroutine (made by its factory) starts from the task's step
     * loop instead, as {@link Awaiting#awaitCoroutine} trampolines.
     */
    static Object awaitDeep(Coroutine<?> c, Coroutine<?> anchor) {
        Task<?> task = anchor.task;
        Awaiting.start(c, task, anchor);
        task.loop.pendingStart = c;
        return CoroutineSupport.SUSPENDED;
    }

    /**
     * A direct entry suspended and spilled into {@code frame}: link it in below {@code anchor}, above what the
     * suspension linked there (a frame adopted just before, deeper in the same unwinding, or a coroutine awaited
     * inline), or as the task's innermost coroutine when the entry itself parked the task on the anchor's behalf.
     */
    static void adopt(Coroutine<?> frame, Coroutine<?> anchor) {
        Task<?> task = anchor.task;
        EventLoop loop = task.loop;
        Coroutine<?> below = loop.adopted;
        if (below == null || below.caller != anchor) {
            below = loop.pendingStart != null ? loop.pendingStart : task.current;
            while (below != anchor && below.caller != anchor) {
                below = below.caller;
                if (below == null) {
                    throw new IllegalStateException("fused await: " + anchor.describe() + " is not in the chain of "
                            + task.getName() + " that suspended. Please report it, with the agent's "
                            + "-Dawaitj.fuse=false as a workaround.");
                }
            }
        }
        Awaiting.start(frame, task, anchor);
        if (below == anchor) {
            task.current = frame;
        } else {
            below.caller = frame;
        }
        loop.adopted = frame;
    }
}
