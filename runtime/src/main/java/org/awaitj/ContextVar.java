package org.awaitj;

import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A context variable, like Python's {@code contextvars.ContextVar}: a value that each task sees in its own
 * context. A task runs in a copy of the context current where it was created ({@code createTask},
 * {@code TaskGroup.createTask}, {@code gather} of coroutines), so what a task sets is seen by itself, across its
 * awaits, and by the tasks it creates afterwards, never by its creator or its siblings. Outside a task, a
 * callback of the loop runs in the context current when it was scheduled, and a plain thread has a context of
 * its own.
 *
 * <pre>{@code
 * static final ContextVar<String> USER = new ContextVar<>("user");
 *
 * try (ContextVar.Token<String> t = USER.set("ann")) {
 *     await(handle());        // handle() and the tasks it creates see "ann"
 * }                           // closing the token resets USER to what it was
 * }</pre>
 *
 * <p>Create context variables once, as constants, as in Python: each takes a small index for the life of the
 * JVM, which is what makes {@link #get()} an array read.
 *
 * @param <T> the type of the value
 */
public final class ContextVar<T> {
    private static final AtomicInteger INDEXES = new AtomicInteger();

    private final String name;
    private final boolean hasDefault;
    private final T defaultValue;
    /** The variable's slot in every {@link Context}. */
    final int index;

    /** A variable without a default: {@link #get()} throws while it is not set. */
    public ContextVar(String name) {
        this(name, false, null);
    }

    /** A variable whose {@link #get()} returns {@code defaultValue} while it is not set. */
    public ContextVar(String name, T defaultValue) {
        this(name, true, defaultValue);
    }

    private ContextVar(String name, boolean hasDefault, T defaultValue) {
        this.name = java.util.Objects.requireNonNull(name, "name");
        this.hasDefault = hasDefault;
        this.defaultValue = defaultValue;
        this.index = INDEXES.getAndIncrement();
        if (index < 0 || index > Integer.MAX_VALUE / 2 - 1) {
            throw new IllegalStateException("too many ContextVars: create them once, as constants");
        }
    }

    /** The variable's name. */
    public String name() {
        return name;
    }

    /**
     * The value in the current context, or else the default; {@link NoSuchElementException} when the variable
     * is not set and has no default (Python's {@code LookupError}).
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object[] s = ContextScope.current().slots;
        int i = index << 1;
        if (i < s.length && s[i] != null) {
            return (T) s[i + 1];
        }
        if (hasDefault) {
            return defaultValue;
        }
        throw new NoSuchElementException("ContextVar '" + name + "' is not set in the current context, and has "
                + "no default: set it first, give it a default, or call get(fallback)");
    }

    /** The value in the current context, or else {@code fallback} (which wins over the variable's default). */
    @SuppressWarnings("unchecked")
    public T get(T fallback) {
        Object[] s = ContextScope.current().slots;
        int i = index << 1;
        return i < s.length && s[i] != null ? (T) s[i + 1] : fallback;
    }

    /**
     * Sets the value in the current context (a null value is a value); the token resets it to what it was,
     * by {@link #reset} or by closing it.
     */
    public Token<T> set(T value) {
        return ContextScope.set(this, value);
    }

    /**
     * Restores the value that was current before the token's {@link #set}: that value, or unset. A token
     * resets once ({@link IllegalStateException} after), only its own variable, and only in the context in
     * which it was made ({@link IllegalArgumentException} otherwise), as Python's {@code ContextVar.reset}.
     */
    public void reset(Token<T> token) {
        if (token.used) {
            throw new IllegalStateException(token + " has already been used once");
        }
        if (token.var != this) {
            throw new IllegalArgumentException(token + " was created by a different ContextVar, not " + this);
        }
        ContextScope.reset(token);
        token.used = true;
    }

    @Override
    public String toString() {
        return "<ContextVar name='" + name + "'" + (hasDefault ? " default=" + defaultValue : "") + ">";
    }

    /**
     * What {@link ContextVar#set} returns: the way back to the previous value, like Python's
     * {@code contextvars.Token}. Closing it resets the variable, so a try-with-resources block bounds a set.
     *
     * @param <T> the variable's type
     */
    public static final class Token<T> implements AutoCloseable {
        final ContextVar<T> var;
        /** The holder of the context the token was made in: the task, or a scope of a callback or thread. */
        final Object owner;
        final boolean hadValue;
        final T oldValue;
        boolean used;

        Token(ContextVar<T> var, Object owner, boolean hadValue, T oldValue) {
            this.var = var;
            this.owner = owner;
            this.hadValue = hadValue;
            this.oldValue = oldValue;
        }

        /** The variable this token resets. */
        public ContextVar<T> var() {
            return var;
        }

        /** Whether the variable had a value of its own before the set (Python's {@code old_value} is not MISSING). */
        public boolean hadValue() {
            return hadValue;
        }

        /** The value before the set; null when there was none ({@link #hadValue()} tells them apart). */
        public T oldValue() {
            return oldValue;
        }

        /** Resets the variable: {@code var().reset(this)}. */
        @Override
        public void close() {
            var.reset(this);
        }

        @Override
        public String toString() {
            return "<Token var=" + var.name + (used ? " used" : "") + ">";
        }
    }
}
