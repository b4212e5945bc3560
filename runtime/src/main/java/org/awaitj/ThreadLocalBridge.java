package org.awaitj;

/**
 * Carries thread-local state that a library keeps (a logging MDC, a tracing span) along with each task, for
 * libraries that cannot read a {@link ContextVar}. A task's steps all run on its loop's thread, one task after
 * another, so a thread-local alone would show each task what the previous step left behind. With a bridge, the
 * loop {@linkplain #restore restores} a task's own state before each of its steps, {@linkplain #capture captures}
 * it after, and {@linkplain #reset resets} the thread to what it had before the step. A task starts with the
 * state of the code that created it; {@code toThread} and {@code runInExecutor} carry the caller's state to the
 * worker thread and reset the worker's after.
 *
 * <p>Bridges are found with {@link java.util.ServiceLoader} (a jar lists its bridge in
 * {@code META-INF/services/org.awaitj.ThreadLocalBridge}, as {@code awaitj-slf4j} does for SLF4J's MDC), or
 * registered with {@link #register}; either applies to tasks created afterwards. With none, a step pays one
 * null check. A bridge's methods run on the loop's thread, around every step: keep them cheap, and never
 * throw (what they throw is logged and ignored).
 *
 * @param <S> the captured state: treat it as immutable, the loop may hand the same one to several steps
 */
public interface ThreadLocalBridge<S> {
    /** The calling thread's current state. */
    S capture();

    /** Installs {@code state} on the calling thread, and returns the state it replaces. */
    S restore(S state);

    /** Puts back {@code previous}, which {@link #restore} returned; by default, {@code restore(previous)}. */
    default void reset(S previous) {
        restore(previous);
    }

    /** Adds a bridge, for tasks created from now on; registering one twice has no effect. */
    static void register(ThreadLocalBridge<?> bridge) {
        ThreadStates.register(bridge);
    }

    /** Removes a bridge, for tasks created from now on; true if it was registered. */
    static boolean unregister(ThreadLocalBridge<?> bridge) {
        return ThreadStates.unregister(bridge);
    }
}
