package org.awaitj;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.awaitj.internal.CoroutineSupport;
import org.awaitj.internal.TestingAccess;

/**
 * Debug mode's findings on one thread while a test harness records them (org.awaitj.test): coroutines created
 * there and never started, failed futures whose exception nobody retrieved, blocking calls on its loop. The
 * reports that wait for the garbage collector may come after the test, or never; these are there the moment the
 * test ends. Recordings nest: a new one hides the one it interrupts until it is closed.
 */
final class DebugRecording implements TestingAccess.Recording {
    private static final ThreadLocal<DebugRecording> CURRENT = new ThreadLocal<>();

    private final DebugRecording outer;
    private final Thread thread = Thread.currentThread();
    private final List<NeverAwaited.CreationSite> created = new ArrayList<>();
    private final List<Unretrieved> failed = new ArrayList<>();
    private final Set<String> blockingCalls = new LinkedHashSet<>();
    /** The size past which the lists drop what is settled already (started, retrieved): they stay small. */
    private int pruneAt = 1024;

    private DebugRecording(DebugRecording outer) {
        this.outer = outer;
    }

    static DebugRecording start() {
        // the runtime's shared coroutine objects, never started by design, are made before the recording begins
        Objects.requireNonNull(Sleep.YIELD);
        Objects.requireNonNull(CoroutineSupport.COMPLETED);
        DebugRecording r = new DebugRecording(CURRENT.get());
        CURRENT.set(r);
        Debug.tracking = true;
        return r;
    }

    static boolean active() {
        return CURRENT.get() != null;
    }

    static void created(NeverAwaited.CreationSite site) {
        DebugRecording r = CURRENT.get();
        if (r != null) {
            r.created.add(site);
            r.pruneIfLarge();
        }
    }

    static void failed(Unretrieved u) {
        DebugRecording r = CURRENT.get();
        if (r != null) {
            r.failed.add(u);
            r.pruneIfLarge();
        }
    }

    static void blockingCall(String report) {
        DebugRecording r = CURRENT.get();
        if (r != null) {
            r.blockingCalls.add(report);
        }
    }

    private void pruneIfLarge() {
        if (created.size() + failed.size() >= pruneAt) {
            created.removeIf(s -> s.started);
            failed.removeIf(u -> u.retrieved);
            pruneAt = Math.max(1024, 2 * (created.size() + failed.size()));
        }
    }

    @Override
    public List<TestingAccess.Finding> findings() {
        List<TestingAccess.Finding> out = new ArrayList<>();
        for (NeverAwaited.CreationSite s : created) {
            if (!s.started) {
                s.started = true;
                s.settled = true;       // reported here: not again when the coroutine is collected
                out.add(new TestingAccess.Finding(s.message(), null));
            }
        }
        for (Unretrieved u : failed) {
            if (!u.retrieved) {
                u.retrieved();          // reported here: not again when the future is collected
                out.add(new TestingAccess.Finding(u.what, u.error));
            }
        }
        for (String b : blockingCalls) {
            out.add(new TestingAccess.Finding(b, null));
        }
        created.clear();
        failed.clear();
        blockingCalls.clear();
        return out;
    }

    @Override
    public void close() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("a debug recording is closed on the thread that started it");
        }
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
