package org.awaitj;


/**
 * A resource whose cleanup is asynchronous: Python's {@code async with}. Inside an {@code @Async} method the
 * agent turns every {@code close()} of an AsyncCloseable, the implicit one at the end of a try-with-resources
 * block included, into {@code await(closeAsync())}; the block's end then suspends until the cleanup is done.
 *
 * <p>{@link #close()} itself is only for code the agent did not rewrite, where it cannot wait: it throws.
 */
public interface AsyncCloseable extends AutoCloseable {
    /** The cleanup, as a coroutine awaited at the end of the block. */
    Coroutine<Void> closeAsync();

    /**
     * Outside a rewritten {@code @Async} method there is nothing to await the cleanup with. Implementations
     * should override it with the checked exceptions their exit really raises, or none (as {@link TaskGroup}
     * does; {@link Timeout} declares TimeoutException), since that is what javac checks a block against.
     *
     * @throws IllegalStateException always
     */
    @Override
    default void close() throws Exception {
        throw new IllegalStateException(getClass().getName() + " is an AsyncCloseable: use it in a "
                + "try-with-resources block inside an @Async method, where its end is awaited, or await(closeAsync())");
    }
}
