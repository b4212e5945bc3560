package org.awaitj.io;

import org.awaitj.Coroutine;

/**
 * What a {@link Server} runs for each connection, as a task of its own: asyncio's
 * {@code client_connected_cb}. Usually an {@code @Async} method: {@code (reader, writer) -> serve(reader, writer)}.
 *
 * <p>The handler owns the connection: it closes the writer when it is done. If it throws (or its coroutine
 * fails, or is cancelled), the server logs the failure to the {@code System.Logger} "org.awaitj", closes that
 * connection, and goes on serving the others.
 */
@FunctionalInterface
public interface ConnectionHandler {
    Coroutine<?> handle(StreamReader reader, StreamWriter writer) throws Exception;
}
