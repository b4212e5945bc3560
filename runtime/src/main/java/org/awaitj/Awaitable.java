package org.awaitj;


/**
 * Anything {@code AsyncIO.await} accepts: a {@link Coroutine}, a {@link Task} or other {@link Future}, a
 * {@link TaskGroup}. ({@code java.util.concurrent.CompletionStage} is accepted by an overload of its own.)
 *
 * @param <T> the type of the value awaiting it yields
 */
public interface Awaitable<T> {
}
