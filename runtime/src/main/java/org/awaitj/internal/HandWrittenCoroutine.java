package org.awaitj.internal;

import org.awaitj.Coroutine;

/**
 * A coroutine written by hand for a method of the runtime, such as {@code Queue.get}: it names that method,
 * so that error messages and {@link org.awaitj.Task#getStack()} show {@code org.awaitj.queue.Queue.get} as
 * they would the frame of an {@code @Async} method, rather than the nested class that implements it.
 *
 * @param <T> the type of the coroutine's result
 */
@InternalApi
public abstract class HandWrittenCoroutine<T> extends Coroutine<T> {
    private final Class<?> owner;
    private final String method;

    /** For {@code method} of {@code owner}: the public class and method an application called. */
    protected HandWrittenCoroutine(Class<?> owner, String method) {
        this.owner = owner;
        this.method = method;
    }

    /** "Class.method", with the simple name of the owner. */
    @Override
    protected final String describe() {
        // debug mode asks from Coroutine's constructor, before this one has set the fields
        return owner == null ? getClass().getName() : owner.getSimpleName() + "." + method;
    }

    /** The owner's method, in the owner's source file, without a line number. */
    @Override
    protected final StackTraceElement stackTraceElement() {
        return new StackTraceElement(owner.getName(), method, owner.getSimpleName() + ".java", -1);
    }
}
