package org.awaitj.test;

import org.awaitj.Coroutine;

/**
 * A test's coroutine, made for one run on a fresh loop: usually a reference to an {@code @Async} method that takes
 * the {@link TestLoop}, {@code this::sleepsFiveSeconds}. It is called once a run, on the loop, so that each run of
 * an exploration starts from a new coroutine.
 *
 * @param <T> the type of the coroutine's result
 */
@FunctionalInterface
public interface AsyncTestBody<T> {
    Coroutine<? extends T> start(TestLoop loop) throws Exception;
}
