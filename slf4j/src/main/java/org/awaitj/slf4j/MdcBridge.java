package org.awaitj.slf4j;

import java.util.Map;

import org.awaitj.ThreadLocalBridge;
import org.slf4j.MDC;

/**
 * SLF4J's {@link MDC} for awaitj tasks: each task starts with the MDC of the code that created it, and keeps
 * its own across awaits, whatever other tasks put meanwhile on the loop's one thread. What a task puts is seen
 * by itself and by the tasks it creates afterwards, never by its creator or its siblings (unlike Kotlin's
 * {@code MDCContext}, an {@code MDC.put} inside the task is not lost at its next suspension).
 * {@code toThread} and {@code runInExecutor} work sees the caller's MDC.
 *
 * <p>Found by {@link java.util.ServiceLoader}: having {@code awaitj-slf4j} on the class path is all it takes.
 * Each step of a task costs a copy of the MDC map (SLF4J offers no cheaper snapshot); the map is small.
 */
public final class MdcBridge implements ThreadLocalBridge<Map<String, String>> {
    /** For ServiceLoader; {@code ThreadLocalBridge.register(new MdcBridge())} works as well. */
    public MdcBridge() {
    }

    @Override
    public Map<String, String> capture() {
        Map<String, String> m = MDC.getCopyOfContextMap();
        return m == null || m.isEmpty() ? null : m;
    }

    @Override
    public Map<String, String> restore(Map<String, String> state) {
        Map<String, String> previous = capture();
        if (previous != null || state != null) {
            reset(state);
        }
        return previous;
    }

    @Override
    public void reset(Map<String, String> previous) {
        if (previous == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(previous);
        }
    }

    @Override
    public String toString() {
        return "MdcBridge";
    }
}
