package org.awaitj;

import org.awaitj.internal.FusedCalls;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Stack traces across awaits, as asyncio 3.14's call graph shows them. A coroutine resumed by its task's step
 * loop runs with none of its awaiting callers on the Java stack, and the awaiter of a task is another task, so
 * the JVM's traces stop short. As an exception travels up an await chain, and from a task to the coroutine
 * that awaits it, the place of each coroutine it reaches (method, and the line of the await it receives it
 * at) goes into its trace, before the step loop's own frames, so that the trace reads as if the chain had
 * been one call stack. Only failure paths, and inspection, pay for it.
 */
final class AsyncStackTraces {
    /** A trace past this length is left alone: very deep chains get a bounded trace. */
    private static final int MAX_TRACE = 320;
    private static final String STEP_LOOP_CLASS = Trampoline.class.getName();
    private static final String STEP_LOOP_METHOD = "run";
    /**
     * Per exception, the coroutine whose place its trace gained last: only that coroutine's caller, or the
     * awaiter of its task, may add the next one, so an exception that several coroutines receive (two awaiters
     * of one failed task) is extended along one chain only.
     */
    private static final Map<Throwable, WeakReference<Object>> LAST = Collections.synchronizedMap(new WeakHashMap<>());
    /** Stands in {@link #LAST} for "the trace ends with the Java frames of the step that received it". */
    private static final Object RECEIVED_HERE = new Object();
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private AsyncStackTraces() {
    }

    /** {@code failed} threw {@code error} out of a resumed body: its {@code caller} receives it next. */
    static void upTheChain(Throwable error, Coroutine<?> failed, Coroutine<?> caller) {
        Object last = last(error);
        if (last == failed || (last == null || last == RECEIVED_HERE) && thrownBy(error, failed)) {
            insert(error, List.of(caller.stackTraceElement()));
            LAST.put(error, new WeakReference<>(caller));
        }
    }

    /** {@code frame}, suspended on {@code from}, is resumed with the exception {@code from} failed with. */
    static void intoAwaiter(Throwable error, Future<?> from, Coroutine<?> frame) {
        if (mayCross(error, from)) {
            insert(error, List.of(frame.stackTraceElement()));
            LAST.put(error, new WeakReference<>(frame));
        }
    }

    /** A coroutine awaits {@code from}, which failed already: the exception is thrown at the await, on this stack. */
    static void intoAwaiterHere(Throwable error, Future<?> from) {
        if (mayCross(error, from)) {
            insert(error, applicationFramesOfThisStep());
            LAST.put(error, new WeakReference<>(RECEIVED_HERE));
        }
    }

    /**
     * A task's stack as {@link Task#getStack()} gives it: its own await chain (the running one with its live
     * frames), then the chain of the task that awaits it, and so on, innermost first.
     */
    static StackTraceElement[] across(Task<?> task) {
        List<StackTraceElement> out = new ArrayList<>();
        Set<Task<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Task<?> t = task; t != null && seen.add(t); ) {
            out.addAll(chainOf(t));
            List<Task<?>> awaiters = t.isDone() ? List.of() : Awaits.awaitersOf(t);
            t = awaiters.isEmpty() ? null : awaiters.get(0);
        }
        return out.toArray(new StackTraceElement[0]);
    }

    /**
     * The coroutines of one task's chain, innermost first. The runtime's coroutines that name a method of its
     * API ({@code Queue.get}) stay; those that name none (sleep and the like) are left out.
     */
    static List<StackTraceElement> chainOf(Task<?> t) {
        List<StackTraceElement> out = new ArrayList<>();
        Coroutine<?> from = t.current;
        if (t.loop.currentTask == t && t.loop.thread == Thread.currentThread()) {
            out.addAll(applicationFramesOfThisStep());      // running: its frames are on this thread's stack
            from = outermostRunning(t, out);
        }
        for (Coroutine<?> c = from; c != null && !t.isDone(); c = c.caller) {
            StackTraceElement e = c.stackTraceElement();
            if (e.getFileName() != null || !e.getMethodName().equals("invokeSuspend")) {
                out.add(e);     // not Coroutine's default, which names no method
            }
        }
        return out;
    }

    /** The caller of the coroutine whose body is the outermost of the running step's frames. */
    private static Coroutine<?> outermostRunning(Task<?> t, List<StackTraceElement> running) {
        if (running.isEmpty()) {
            return t.current;
        }
        StackTraceElement outermost = running.get(running.size() - 1);
        for (Coroutine<?> c = t.current; c != null; c = c.caller) {
            if (samePlace(c.stackTraceElement(), outermost)) {
                return c.caller;
            }
        }
        return null;
    }

    private static boolean mayCross(Throwable error, Future<?> from) {
        Object last = last(error);
        if (last == null || last == RECEIVED_HERE) {
            return true;
        }
        Coroutine<?> c = (Coroutine<?>) last;
        if (c.task != Task.FINISHED) {
            return c.task == from;
        }
        // the root of a finished task (its current coroutine from then on): it crosses to that task's awaiters, or
        // to any other future's
        return !(from instanceof Task<?> t) || t.current == c;
    }

    private static Object last(Throwable error) {
        WeakReference<Object> ref = LAST.get(error);
        return ref == null ? null : ref.get();
    }

    /** Whether {@code error} was thrown by {@code c}'s body in the step that resumed it. */
    private static boolean thrownBy(Throwable error, Coroutine<?> c) {
        StackTraceElement self = c.stackTraceElement();
        for (StackTraceElement e : error.getStackTrace()) {
            if (isStepLoop(e)) {
                return false;
            }
            if (samePlace(e, self)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Puts {@code places} before the first step-loop frame of {@code error}'s trace, that is after the chain it
     * has so far; drops the generated frames' {@code invokeSuspend}, which only call the body above them.
     */
    private static void insert(Throwable error, List<StackTraceElement> places) {
        StackTraceElement[] trace = error.getStackTrace();
        if (trace.length > MAX_TRACE) {
            return;
        }
        List<StackTraceElement> out = new ArrayList<>(trace.length + places.size());
        boolean inserted = false;
        for (StackTraceElement e : trace) {
            if (!inserted && isStepLoop(e)) {
                for (StackTraceElement p : places) {
                    if (p.getLineNumber() >= 0) {
                        out.add(p);
                    }
                }
                inserted = true;
            }
            if (!isGeneratedDispatch(e)) {
                out.add(e);
            }
        }
        if (inserted) {
            error.setStackTrace(out.toArray(new StackTraceElement[0]));
        }
    }

    /** This thread's application frames, innermost first, from the caller of the runtime down to the step loop. */
    private static List<StackTraceElement> applicationFramesOfThisStep() {
        return WALKER.walk(frames -> {
            List<StackTraceElement> out = new ArrayList<>();
            for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                Class<?> c = f.getDeclaringClass();
                if (c == Trampoline.class && f.getMethodName().equals(STEP_LOOP_METHOD)) {
                    break;
                }
                StackTraceElement e = f.toStackTraceElement();
                String name = c.getName();
                if (!Debug.isRuntime(c) && !name.startsWith("java.") && !name.startsWith("jdk.") && !isGeneratedDispatch(e)) {
                    out.add(e);
                }
            }
            return out;
        });
    }

    private static boolean isStepLoop(StackTraceElement e) {
        return e.getMethodName().equals(STEP_LOOP_METHOD) && e.getClassName().equals(STEP_LOOP_CLASS);
    }

    /**
     * A generated frame class's invokeSuspend ({@code Example$fetchData$Coroutine}, numbered for overloads), or an
     * instance method's virtual bridge ({@code Example.fetchData$fused}, without lines), which only calls the entry.
     */
    private static boolean isGeneratedDispatch(StackTraceElement e) {
        if (e.getMethodName().endsWith(FusedCalls.BRIDGE_SUFFIX) && e.getLineNumber() < 0) {
            return true;
        }
        if (!e.getMethodName().equals("invokeSuspend")) {
            return false;
        }
        String c = e.getClassName();
        int i = c.lastIndexOf("$Coroutine");
        if (i < 0) {
            return false;
        }
        for (int j = i + "$Coroutine".length(); j < c.length(); j++) {
            if (!Character.isDigit(c.charAt(j))) {
                return false;
            }
        }
        return true;
    }

    private static boolean samePlace(StackTraceElement a, StackTraceElement b) {
        return a.getMethodName().equals(b.getMethodName()) && a.getClassName().equals(b.getClassName());
    }
}
