package org.awaitj;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The values of the {@link ContextVar}s at one moment, like Python's {@code contextvars.Context}, but
 * immutable: a snapshot. {@link #current()} is {@code copy_context()}; {@link #call} and {@link #run} run code
 * with a snapshot as the current context, for work handed to threads or executors that awaitj does not
 * manage itself ({@code toThread} and {@code runInExecutor} do it already).
 *
 * <p>A set made inside {@code call} lasts until the call returns: the snapshot itself never changes. A task's
 * context is {@link Task#getContext()}.
 *
 * <p>The representation makes the common operations cheap: each {@link ContextVar} has a small index, and a
 * context is an array with the variable and its value at that index, copied when a variable is set. Taking a
 * snapshot (and so creating a task) copies one reference; reading a variable is an array read.
 */
public final class Context {
    /** The context in which no variable is set. */
    static final Context EMPTY = new Context(new Object[0]);

    /** {@code slots[2i]} is the ContextVar of index i when it is set here, and {@code slots[2i + 1]} its value. */
    final Object[] slots;

    private Context(Object[] slots) {
        this.slots = slots;
    }

    /**
     * The current context (Python's {@code copy_context()}): of the running task, of the running callback, or
     * else of this thread. It costs one reference: the snapshot shares everything with the live context.
     */
    public static Context current() {
        return ContextScope.current();
    }

    /** Calls {@code fn} with this context as the current one, and restores the previous one after. */
    public <V> V call(Callable<V> fn) throws Exception {
        return ContextScope.call(this, fn);
    }

    /** Runs {@code action} with this context as the current one, and restores the previous one after. */
    public void run(Runnable action) {
        try {
            ContextScope.call(this, () -> {
                action.run();
                return null;
            });
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);     // a Runnable throws no checked exception
        }
    }

    /** True when no variable is set in this context. */
    public boolean isEmpty() {
        return slots.length == 0;
    }

    /** Whether {@code var} has a value of its own here (its default does not count). */
    public boolean contains(ContextVar<?> var) {
        int i = var.index << 1;
        return i < slots.length && slots[i] != null;
    }

    /** The variables set in this context and their values, in the order the variables were created. */
    public Map<ContextVar<?>, Object> toMap() {
        Map<ContextVar<?>, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i] != null) {
                m.put((ContextVar<?>) slots[i], slots[i + 1]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** This context with {@code var} set to {@code value}: a copy, at most as long as the highest index set. */
    Context with(ContextVar<?> var, Object value) {
        int i = var.index << 1;
        Object[] s = java.util.Arrays.copyOf(slots, Math.max(slots.length, i + 2));
        s[i] = var;
        s[i + 1] = value;
        return new Context(s);
    }

    /** This context without a value for {@code var}; trailing unset slots are dropped, so that all unset is EMPTY. */
    Context without(ContextVar<?> var) {
        int i = var.index << 1;
        if (i >= slots.length || slots[i] == null) {
            return this;
        }
        int length = slots.length;
        if (i == length - 2) {
            length -= 2;
            while (length > 0 && slots[length - 2] == null) {
                length -= 2;
            }
            return length == 0 ? EMPTY : new Context(java.util.Arrays.copyOf(slots, length));
        }
        Object[] s = slots.clone();
        s[i] = null;
        s[i + 1] = null;
        return new Context(s);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("<Context");
        toMap().forEach((var, value) -> b.append(' ').append(var.name()).append('=').append(value));
        return b.append('>').toString();
    }
}
