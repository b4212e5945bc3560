package org.awaitj;

import java.util.concurrent.Callable;

/**
 * Where the current {@link Context} lives, and the operations that read or replace it.
 *
 * <p>In a task's step it is the task's own ({@code Task.context()}): reading it needs the running loop
 * (which {@link RunningLoop} finds without a thread-local in the common case) and no hashing. While a callback
 * of the loop runs, it is the loop's {@code callbackScope}, made only for a callback scheduled in a non-empty
 * context or one that sets a variable. Elsewhere (a plain thread, or the thread of a loop before it runs) it is
 * a thread-local, looked up only once some thread has set a variable outside a loop.
 *
 * <p>An instance is the holder of a context that is not a task's: a thread's, a callback's, or one entered by
 * {@link Context#call}. Tokens remember their holder, so that a token resets only where it was made.
 */
final class ContextScope {
    private static final ThreadLocal<ContextScope> THREAD = new ThreadLocal<>();
    /**
     * Whether any thread has a scope of its own yet. A plain field is enough: a thread only reads the scope it
     * set itself, after it set this.
     */
    private static boolean threadScopes;

    Context context;

    ContextScope(Context context) {
        this.context = context;
    }

    /** The current context, from any thread. */
    static Context current() {
        EventLoop loop = RunningLoop.get();
        if (loop != null) {
            return onLoop(loop);
        }
        return threadContext();
    }

    /** The current context, for an operation of {@code loop}, which may not be running yet. */
    static Context current(EventLoop loop) {
        return loop.thread == Thread.currentThread() ? onLoop(loop) : threadContext();
    }

    /** The current context when not empty, else null: what a callback scheduled now keeps. */
    static Context captureOrNull(EventLoop loop) {
        Context c = current(loop);
        return c.isEmpty() ? null : c;
    }

    private static Context onLoop(EventLoop loop) {
        Task<?> t = loop.currentTask;
        if (t != null) {
            return t.context();
        }
        ContextScope s = loop.callbackScope;
        return s != null ? s.context : Context.EMPTY;
    }

    private static Context threadContext() {
        if (!threadScopes) {
            return Context.EMPTY;
        }
        ContextScope s = THREAD.get();
        return s == null ? Context.EMPTY : s.context;
    }

    /** {@link ContextVar#set}: replaces the current context by a copy with the value, in its holder. */
    static <T> ContextVar.Token<T> set(ContextVar<T> var, T value) {
        EventLoop loop = RunningLoop.get();
        Task<?> task = loop == null ? null : loop.currentTask;
        if (task != null) {
            Context old = task.context();
            task.setContext(old.with(var, value));
            return token(var, task.contextOwner() != null ? task.contextOwner() : task, old);
        }
        ContextScope scope;
        if (loop != null) {
            scope = loop.callbackScope;
            if (scope == null) {
                scope = new ContextScope(Context.EMPTY);    // a callback's own: dropped when it returns
                loop.callbackScope = scope;
            }
        } else {
            scope = THREAD.get();
            if (scope == null) {
                scope = new ContextScope(Context.EMPTY);
                threadScopes = true;
                THREAD.set(scope);
            }
        }
        Context old = scope.context;
        scope.context = old.with(var, value);
        return token(var, scope, old);
    }

    @SuppressWarnings("unchecked")
    private static <T> ContextVar.Token<T> token(ContextVar<T> var, Object owner, Context old) {
        boolean had = old.contains(var);
        return new ContextVar.Token<>(var, owner, had, had ? (T) old.slots[(var.index << 1) + 1] : null);
    }

    /** {@link ContextVar#reset}: the token is unused and of the variable; checks that it was made here. */
    static void reset(ContextVar.Token<?> token) {
        EventLoop loop = RunningLoop.get();
        Task<?> task = loop == null ? null : loop.currentTask;
        Object owner = task != null ? (task.contextOwner() != null ? task.contextOwner() : task)
                : loop != null ? loop.callbackScope : THREAD.get();
        if (owner != token.owner || owner == null) {
            throw new IllegalArgumentException(token + " was created in a different context: a token resets in the "
                    + "task (or callback, or thread) that made it");
        }
        Context now = task != null ? task.context() : ((ContextScope) owner).context;
        Context next = token.hadValue ? now.with(token.var, token.oldValue) : now.without(token.var);
        if (task != null) {
            task.setContext(next);
        } else {
            ((ContextScope) owner).context = next;
        }
    }

    /** {@link Context#call}: {@code fn} with {@code context} current, in a holder of its own; then as before. */
    static <V> V call(Context context, Callable<V> fn) throws Exception {
        EventLoop loop = RunningLoop.get();
        Task<?> task = loop == null ? null : loop.currentTask;
        if (task != null) {
            Context savedContext = task.context();
            Object savedOwner = task.contextOwner();
            task.setContext(context);
            task.setContextOwner(new Object());
            try {
                return fn.call();
            } finally {
                task.setContext(savedContext);
                task.setContextOwner(savedOwner);
            }
        }
        if (loop != null) {
            ContextScope saved = loop.callbackScope;
            loop.callbackScope = new ContextScope(context);
            try {
                return fn.call();
            } finally {
                loop.callbackScope = saved;
            }
        }
        ContextScope saved = THREAD.get();
        threadScopes = true;
        THREAD.set(new ContextScope(context));
        try {
            return fn.call();
        } finally {
            if (saved == null) {
                THREAD.remove();
            } else {
                THREAD.set(saved);
            }
        }
    }

    /**
     * {@code fn} as work for another thread: it runs in the caller's context, with the caller's thread-local
     * state ({@link ThreadLocalBridge}), and the worker's own are restored after. {@code fn} itself when there
     * is nothing to carry.
     */
    static <T> Callable<T> bindToCaller(EventLoop loop, Callable<T> fn) {
        Context context = current(loop);
        ThreadStates states = ThreadStates.capture();
        if (context.isEmpty() && states == null) {
            return fn;
        }
        return () -> {
            if (states != null) {
                states.enter();
            }
            try {
                return context.isEmpty() && !threadScopes ? fn.call() : call(context, fn);
            } finally {
                if (states != null) {
                    states.exit(false);
                }
            }
        };
    }

    /**
     * A done callback added in a non-empty context, as asyncio's {@code add_done_callback} keeps it: it runs in
     * that context, whoever completes the future.
     */
    static final class DoneCallback<F> implements java.util.function.Consumer<F> {
        private final java.util.function.Consumer<? super F> callback;
        private final Context context;

        private DoneCallback(java.util.function.Consumer<? super F> callback, Context context) {
            this.callback = callback;
            this.context = context;
        }

        /** {@code callback} itself when the current context is empty. */
        static <F> java.util.function.Consumer<? super F> bind(EventLoop loop, java.util.function.Consumer<? super F> callback) {
            Context c = captureOrNull(loop);
            return c == null ? callback : new DoneCallback<F>(callback, c);
        }

        /** Whether the registered {@code entry} is {@code callback}, bound or not. */
        static boolean is(Object entry, Object callback) {
            return entry == callback || entry instanceof DoneCallback<?> d && d.callback == callback;
        }

        @Override
        public void accept(F future) {
            context.run(() -> callback.accept(future));
        }
    }
}
