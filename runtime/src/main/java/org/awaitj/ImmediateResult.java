package org.awaitj;

/**
 * A coroutine that completes at once with its value: what {@code result(v)} is outside a rewritten method, and
 * the runtime's own synchronous exits.
 */
final class ImmediateResult<T> extends Coroutine<T> {
    private final T value;

    ImmediateResult(T value) {
        this.value = value;
    }

    @Override
    protected Object invokeSuspend() {
        return complete(value);
    }

    @Override
    protected String describe() {
        return "AsyncIO.result(" + value + ")";
    }
}
