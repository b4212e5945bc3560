package org.awaitj;

/**
 * What an async generator returns: an {@code @Async} method declared to return {@code AsyncGenerator<T>},
 * whose body hands values to its consumer with {@link AsyncIO#emit} and ends with
 * {@code return finish();} (Python's {@code async def} with {@code yield}; Kotlin's {@code flow {}}).
 *
 * <p>Calling the method runs none of its body. Each {@code await(it.hasNext())} of its iterator runs the body
 * in the consumer's task, up to its next {@code emit}, its end, or an await that suspends (the consumer's
 * task then waits there); so the body never runs ahead of what is asked. An exception of the body is thrown
 * by {@code hasNext()}; cancelling the consumer cancels the body's pending await. Closing the iterator
 * resumes a body suspended at an {@code emit} with a {@link GeneratorExit}, so that its {@code finally}
 * blocks run. A generator started and left unclosed is closed when its loop shuts down
 * ({@link EventLoop#shutdownAsyncgens()}, which {@link AsyncIO#run} calls).
 *
 * @param <T> the type of the values it emits
 */
public interface AsyncGenerator<T> extends AsyncIterable<T> {
    /**
     * The generator's iteration. A generator runs once: a second call throws.
     *
     * @throws IllegalStateException when called a second time
     */
    @Override
    AsyncIterator<T> iterator();
}
