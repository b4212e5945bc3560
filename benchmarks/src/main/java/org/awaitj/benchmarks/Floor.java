package org.awaitj.benchmarks;

import java.util.ArrayDeque;

/**
 * The floor of workload 2: the same ping-pong as hand-written state machines, with no library. Each task is
 * a frame object with an {@code int} label and its locals in fields; the loop is a bare {@link ArrayDeque};
 * {@code sleep(0)} is "save the label, go to the back of the queue". What a suspend/resume costs with
 * nothing else, which a coroutine library can approach but not beat.
 */
final class Floor {
    private static final int SUSPENDED = 0;
    private static final int DONE = 1;

    private Floor() {
    }

    /** {@code for (int i = 0; i < n; i++) await(sleep(0));} as a state machine. */
    static final class YielderFrame {
        final int n;
        int label;
        int i;

        YielderFrame(int n) {
            this.n = n;
        }

        int resume() {
            switch (label) {
                case 0:
                    i = 0;
                    break;
                case 1:
                    i++;
                    break;
                default:
                    throw new IllegalStateException("bad label " + label);
            }
            if (i < n) {
                label = 1;
                return SUSPENDED;
            }
            label = 2;
            return DONE;
        }
    }

    /** Two frames of n yields each, run to completion on a bare FIFO loop; returns the steps run. */
    static int pingPong(int n) {
        ArrayDeque<YielderFrame> ready = new ArrayDeque<>();
        ready.add(new YielderFrame(n));
        ready.add(new YielderFrame(n));
        int steps = 0;
        YielderFrame f;
        while ((f = ready.poll()) != null) {
            steps++;
            if (f.resume() == SUSPENDED) {
                ready.add(f);
            }
        }
        return steps;
    }
}
