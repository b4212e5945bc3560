package org.awaitj.internal;

import org.awaitj.Awaitable;
import org.awaitj.Coroutine;

/**
 * A hand-written coroutine that awaits one awaitable (a coroutine inline, a future by parking the task) and
 * completes with a function of its value: what an {@code @Async} method {@code return result(then(await(x)))}
 * would be, for runtime code that the agent does not rewrite. The awaited exception goes on unchanged; so does
 * one the function throws, checked or not.
 *
 * @param <A> the type of the awaited value
 * @param <R> the type of the result
 */
@InternalApi
public final class AwaitThen<A, R> extends HandWrittenCoroutine<R> {
    /** What to make of the awaited value. */
    @FunctionalInterface
    public interface Then<A, R> {
        R apply(A value) throws Exception;
    }

    private final Class<?> owner;
    private final String method;
    private final Awaitable<? extends A> source;
    private final Then<? super A, ? extends R> then;
    private boolean suspended;

    /** For {@code method} of {@code owner}, as stack traces and messages name it. */
    public AwaitThen(Class<?> owner, String method, Awaitable<? extends A> source, Then<? super A, ? extends R> then) {
        this.owner = owner;
        this.method = method;
        this.source = source;
        this.then = then;
    }

    /** A coroutine that completes with {@code value} at once when awaited. */
    public static <R> Coroutine<R> done(Class<?> owner, String method, R value) {
        return new AwaitThen<Object, R>(owner, method, null, x -> value);
    }

    @Override
    protected Class<?> owner() {
        return owner;
    }

    @Override
    protected String method() {
        return method;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected Object invokeSuspend() {
        Object v = null;
        if (suspended) {
            v = CoroutineSupport.resumeValue(this);
        } else if (source != null) {
            v = CoroutineSupport.await(source, this);
            if (v == CoroutineSupport.SUSPENDED) {
                suspended = true;
                return v;
            }
        }
        try {
            return complete(then.apply((A) v));
        } catch (Exception e) {
            throw CoroutineSupport.sneakyThrow(e);
        }
    }
}
