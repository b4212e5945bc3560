/**
 * Streams, servers, subprocesses and files, as asyncio's: {@link org.awaitj.io.StreamReader} and
 * {@link org.awaitj.io.StreamWriter} over a {@link org.awaitj.io.Connection}, the {@link org.awaitj.io.Server}
 * that runs a {@link org.awaitj.io.ConnectionHandler} per connection, {@link org.awaitj.io.Subprocess} with its
 * pipes as streams, and {@link org.awaitj.io.AsyncFiles}. Underneath, package-private as in asyncio, transports
 * (a selector-driven socket, TLS over it, a subprocess's pipes) move the bytes and call their protocols.
 *
 * <p>Depends on the core {@code org.awaitj} (the event loop's selector, futures, tasks) and on
 * {@code org.awaitj.internal} only. The verbs that open these live on the {@link org.awaitj.AsyncIO} facade
 * ({@code openConnection}, {@code startServer}, {@code createSubprocessExec}), which calls into this package.
 */
package org.awaitj.io;
