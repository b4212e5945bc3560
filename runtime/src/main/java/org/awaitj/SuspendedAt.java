package org.awaitj;

/**
 * Where a task is suspended, as messages, the task tree and the JFR events name it: the innermost coroutine of its
 * chain that is the application's (not {@code sleep()} and the like), at the line of its await.
 */
final class SuspendedAt {
    private SuspendedAt() {
    }

    /** Where {@code task} is suspended, as a string: "nowhere" when it is not. */
    static String of(Task<?> task) {
        return where(element(task));
    }

    /** What {@link #of} says of a place {@link #element} returned. */
    static String where(StackTraceElement element) {
        return element == null ? "nowhere" : element.toString();
    }

    /**
     * Where {@code task} is suspended, but not yet a string (what a step's JFR event takes before the step, and
     * formats only if the step was slow); null when nowhere.
     */
    static StackTraceElement element(Task<?> task) {
        Coroutine<?> c = task.current;
        if (c == null) {
            return null;
        }
        for (Coroutine<?> app = c; app != null; app = app.caller) {
            StackTraceElement e = app.stackTraceElement();
            if (e.getLineNumber() >= 0) {
                return e;
            }
        }
        return c.stackTraceElement();
    }
}
