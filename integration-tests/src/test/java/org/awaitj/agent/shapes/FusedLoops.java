package org.awaitj.agent.shapes;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/**
 * A fused await in a loop of a body that runs from its frame, where the body reads its inline depth once, and
 * a recursion through such bodies that stays on a bounded stack only if each reads the depth it really runs at.
 */
public class FusedLoops {
    /**
     * {@code levels} levels, each a loop of three fused awaits; the middle one goes {@link #SPAN} fused calls down
     * and, from there, into the next level through its frame. Each level adds SPAN + 2.
     */
    @Async
    static Coroutine<Integer> level(int levels) {
        if (levels == 0) {
            return result(0);
        }
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += await(down(i == 1 ? SPAN : 1, i == 1 ? levels : 0));
        }
        return result(sum);
    }

    /** Fused calls fewer than the inline depth (200) apart: only the depth each level starts at bounds the stack. */
    public static final int SPAN = 150;

    /** n fused calls down, then the next level, stored first so that it is awaited through its frame. */
    @Async
    static Coroutine<Integer> down(int n, int levels) {
        if (n == 0) {
            if (levels == 0) {
                return result(0);
            }
            Coroutine<Integer> next = level(levels - 1);
            return result(await(next));
        }
        return result(await(down(n - 1, levels)) + 1);
    }

    /** The same loop after a suspension: from then on its body runs resumed from its frame, from the loop's turn. */
    @Async
    static Coroutine<String> afterASuspension(int levels) {
        await(sleep(1));
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += await(level(levels)) + await(down(i, 0));
        }
        return result(sum + " at " + getRunningLoop().time());
    }
}
