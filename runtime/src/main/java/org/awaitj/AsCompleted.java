package org.awaitj;


import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * {@code AsyncIO.asCompleted}: one future per awaitable, in completion order: awaiting the first gives the
 * result (or exception) of whichever awaitable finishes first, and so on. Past the timeout, the futures not
 * yet completed fail with {@link TimeoutException}.
 */
final class AsCompleted {
    private AsCompleted() {
    }

    @SuppressWarnings("unchecked")
    static <T> List<Future<T>> of(EventLoop loop, Collection<? extends Awaitable<? extends T>> awaitables, double timeout) {
        Map<Awaitable<?>, Future<T>> children = new IdentityHashMap<>();
        for (Awaitable<? extends T> a : awaitables) {
            children.computeIfAbsent(a, x -> (Future<T>) loop.ensureFuture(x));
        }
        List<Future<T>> slots = new ArrayList<>(children.size());
        for (int i = 0; i < children.size(); i++) {
            slots.add(loop.createFuture());
        }
        int[] next = {0};
        Handle timer = Double.isInfinite(timeout) ? null : loop.callLater(timeout, () -> {
            for (int i = next[0]; i < slots.size(); i++) {
                slots.get(i).setException(new TimeoutException("asCompleted timed out after " + timeout + " seconds"));
            }
            next[0] = slots.size();
        });
        for (Future<T> child : children.values()) {
            child.addDoneCallback(done -> {
                if (next[0] >= slots.size()) {
                    return;     // timed out meanwhile
                }
                slots.get(next[0]++).copyStateFrom(done);
                if (next[0] == slots.size() && timer != null) {
                    timer.cancel();
                }
            });
        }
        return Collections.unmodifiableList(slots);
    }
}
