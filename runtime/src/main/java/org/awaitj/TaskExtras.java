package org.awaitj;

/**
 * The state of a {@link Task} that most tasks never have, made on first need, so that a parked task is a Task
 * and a frame: its name when set, the context owner inside {@link Context#call}, the thread-local bridges'
 * state, the count of cancellation requests and one not yet delivered, and the root coroutine once
 * another runs in its place. Once made, they hold the task's context too.
 */
final class TaskExtras {
    Context context;
    /** Null: "Task-" + id. */
    String name;
    /** Who owns the task's context while {@link Context#call} runs inside a step; null: the task itself. */
    Object contextOwner;
    /** The thread-local state of the {@link ThreadLocalBridge}s, around each step; null when there are none. */
    ThreadStates threadStates;
    /** Cancellation requests not yet withdrawn by {@link Task#uncancel()}: how timeouts and task groups tell theirs apart. */
    int cancelRequests;
    /** A cancellation requested but not yet delivered: the task's next step throws it. */
    boolean mustCancel;
    /** Its message. */
    String cancelMessage;
    /** The coroutine the task was made of, once a {@code return other()} at the root put another in its place. */
    Coroutine<?> root;

    TaskExtras(Context context) {
        this.context = context;
    }
}
