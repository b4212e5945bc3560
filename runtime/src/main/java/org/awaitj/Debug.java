package org.awaitj;


import java.util.Locale;
import java.util.Optional;

/**
 * Debug mode's bookkeeping, like asyncio's: where coroutines and tasks were created, coroutines never
 * awaited ({@link NeverAwaited}), steps that hold the loop too long. Costs nothing beyond a flag check while
 * debug mode is off. The "exception was never retrieved" watch ({@link Unretrieved}) is always on, as in
 * Python, and only failed futures pay for it.
 */
final class Debug {
    static final System.Logger LOG = System.getLogger("org.awaitj");

    /** Set once any loop runs in debug mode (or by -Dawaitj.debug=true): coroutines then record where they were made. */
    static volatile boolean tracking = Boolean.getBoolean("awaitj.debug");

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private Debug() {
    }

    /**
     * The first frame of application code on the current stack: past the runtime, the coroutine
     * constructors, and the factory method of a generated frame.
     */
    static StackTraceElement callerOutsideRuntime() {
        Optional<StackWalker.StackFrame> frame = WALKER.walk(frames -> {
            boolean[] skipFactory = {false};
            return frames.filter(f -> {
                Class<?> c = f.getDeclaringClass();
                if (isRuntime(c) || c.getName().startsWith("java.") || c.getName().startsWith("jdk.")) {
                    return false;
                }
                if (Coroutine.class.isAssignableFrom(c)) {
                    skipFactory[0] = true;      // a generated frame's constructor: its factory comes next
                    return false;
                }
                if (skipFactory[0]) {
                    skipFactory[0] = false;     // the @Async method itself, which only made the frame
                    return false;
                }
                return true;
            }).findFirst();
        });
        return frame.map(StackWalker.StackFrame::toStackTraceElement).orElse(null);
    }

    private static final java.security.CodeSource RUNTIME = codeSource(Coroutine.class);

    /** A class of the runtime itself (not merely of its package: applications and tests may share that). */
    static boolean isRuntime(Class<?> c) {
        return c.getClassLoader() == Coroutine.class.getClassLoader() && java.util.Objects.equals(codeSource(c), RUNTIME);
    }

    private static java.security.CodeSource codeSource(Class<?> c) {
        java.security.ProtectionDomain d = c.getProtectionDomain();
        return d == null ? null : d.getCodeSource();
    }

    static String where(StackTraceElement e) {
        if (e == null) {
            return "an unknown place";
        }
        return e.getFileName() != null && e.getLineNumber() > 0 ? e.getFileName() + ":" + e.getLineNumber() : e.toString();
    }

    /** Called by {@link Coroutine}'s constructor while tracking: see {@link NeverAwaited}. */
    static void trackCreation(Coroutine<?> c) {
        NeverAwaited.created(c);
    }

    /** A coroutine starts: it was awaited or scheduled after all. */
    static void started(Coroutine<?> c) {
        NeverAwaited.started(c);
    }

    /** The loop closes: what it can never run or retrieve now is reported (always for failures, as in Python). */
    static void loopClosing(EventLoop loop) {
        if (loop.neverAwaited != null) {
            loop.neverAwaited.loopClosing();
        }
        loop.unretrieved.reportAll();
    }

    /** Debug mode's records of tasks, kept aside so that tasks carry no field for them. */
    private static final java.util.Map<Task<?>, TaskInfo> TASKS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    static void recordTask(Task<?> task) {
        TASKS.put(task, new TaskInfo(callerOutsideRuntime()));
    }

    static TaskInfo info(Task<?> task) {
        return TASKS.isEmpty() ? null : TASKS.get(task);
    }

    /** What debug mode records of a task. */
    static final class TaskInfo {
        final StackTraceElement createdAt;
        int steps;
        double secondsOnLoop;

        TaskInfo(StackTraceElement createdAt) {
            this.createdAt = createdAt;
        }
    }

    /**
     * Runs one ready entry of a debug-mode loop, and reports it if it held the loop for the loop's
     * slow-callback duration or longer; a task's step also counts towards its time on the loop.
     */
    static void runTimed(EventLoop loop, Object entry) {
        StackTraceElement began = entry instanceof Task<?> t ? SuspendedAt.element(t) : null;   // formatted only if slow
        long start = System.nanoTime();
        if (Flight.recording) {
            Flight.runRecorded(loop, entry);
        } else {
            loop.runEntry(entry);
        }
        double took = (System.nanoTime() - start) / 1e9;
        if (loop.neverAwaited != null) {
            loop.neverAwaited.stepEnded(loop);
        }
        if (entry instanceof Task<?> t) {
            t.addTimeOnLoop(took);
        }
        if (took >= loop.getSlowCallbackDuration()) {
            String what = entry instanceof Task<?> t
                    ? t + " (the step began at " + SuspendedAt.where(began) + " and ended at " + (t.isDone() ? "its end" : SuspendedAt.of(t)) + ")"
                    : entry.toString();
            LOG.log(System.Logger.Level.WARNING, "Executing " + what + " took " + seconds(took) + " seconds");
        }
    }

    /** Debug mode: a loop method other than callSoonThreadsafe called from another thread is a bug. */
    static void checkThread(EventLoop loop, String method) {
        if (loop.getDebug()) {
            Thread owner = loop.thread;
            if (owner != null && owner != Thread.currentThread()) {
                throw new IllegalStateException(method + " called from thread " + Thread.currentThread().getName()
                        + ", but the loop runs on " + owner.getName() + ": only callSoonThreadsafe may be called "
                        + "from other threads (or use runCoroutineThreadsafe)");
            }
        }
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
