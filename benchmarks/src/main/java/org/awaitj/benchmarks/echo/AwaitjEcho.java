package org.awaitj.benchmarks.echo;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.createTask;
import static org.awaitj.AsyncIO.gather;
import static org.awaitj.AsyncIO.openConnection;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.AsyncIO.runCoroutineThreadsafe;
import static org.awaitj.AsyncIO.startServer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitj.io.Connection;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.io.Server;
import org.awaitj.io.StreamReader;
import org.awaitj.io.StreamWriter;
import org.awaitj.Task;
import org.awaitj.annotations.Async;

/**
 * awaitj: the streams API as a user writes it (asyncio's echo server and client). The server runs on one event
 * loop thread, the client's connections on another; the benchmark thread hands each batch to the client loop
 * with {@code runCoroutineThreadsafe} and waits for it. {@code new AwaitjEcho(true)} runs the server and the
 * client on one loop thread instead, as the asyncio script does: for comparing the two runtimes' own costs.
 * {@link #inPlace()} reads into arrays that server and client keep ({@code readInto}, {@code write(data, from,
 * length)}), as Netty's pooled buffers do, instead of an array per read.
 */
public final class AwaitjEcho implements EchoSystem {
    private final byte[] payload = EchoSystem.payload();
    private final boolean oneLoop;
    private final boolean inPlace;
    private LoopThread serverLoop;
    private LoopThread clientLoop;
    private Server server;
    private List<Connection> connections;

    // ---- the server: echo what comes, until the client closes ----

    @Async
    static Coroutine<Void> serve(StreamReader reader, StreamWriter writer) throws IOException {
        try {
            while (true) {
                byte[] data = await(reader.read(64 * 1024));
                if (data.length == 0) {
                    break;
                }
                writer.write(data);
                await(writer.drain());
            }
        } finally {
            writer.close();
        }
        return result();
    }

    /** The same server reading into one array it keeps, and writing back the part it read. */
    @Async
    static Coroutine<Void> serveInPlace(StreamReader reader, StreamWriter writer) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try {
            for (int n = await(reader.readInto(chunk, 0, chunk.length)); n > 0;
                    n = await(reader.readInto(chunk, 0, chunk.length))) {
                writer.write(chunk, 0, n);
                await(writer.drain());
            }
        } finally {
            writer.close();
        }
        return result();
    }

    @Async
    static Coroutine<Server> listen(boolean inPlace) throws IOException {
        Server s = await(startServer(inPlace ? (r, w) -> serveInPlace(r, w) : (r, w) -> serve(r, w), "127.0.0.1", 0));
        return result(s);
    }

    // ---- the client ----

    @Async
    static Coroutine<List<Connection>> connect(int port, int n) throws IOException {
        List<Connection> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(await(openConnection("127.0.0.1", port)));
        }
        return result(out);
    }

    /** Sends the payload, waits for all of it to come back; {@code n} times. */
    @Async
    static Coroutine<byte[]> pingPong(Connection c, byte[] payload, int n) throws IOException {
        StreamReader reader = c.reader();
        StreamWriter writer = c.writer();
        byte[] back = null;
        for (int i = 0; i < n; i++) {
            writer.write(payload);
            await(writer.drain());
            back = await(reader.readExactly(payload.length));
        }
        return result(back);
    }

    /** {@link #pingPong} reading the echo into one array it keeps. */
    @Async
    static Coroutine<byte[]> pingPongInPlace(Connection c, byte[] payload, int n) throws IOException {
        StreamReader reader = c.reader();
        StreamWriter writer = c.writer();
        byte[] back = new byte[payload.length];
        for (int i = 0; i < n; i++) {
            writer.write(payload);
            await(writer.drain());
            for (int got = 0; got < back.length; ) {
                int r = await(reader.readInto(back, got, back.length - got));
                if (r < 0) {
                    throw new java.io.EOFException("the server closed after " + got + " bytes of the echo");
                }
                got += r;
            }
        }
        return result(back);
    }

    /** One batch: every connection ping-pongs {@code n} times, each in its own task. */
    @Async
    static Coroutine<List<byte[]>> batch(List<Connection> connections, byte[] payload, int n, boolean inPlace)
            throws IOException {
        if (connections.size() == 1) {
            Connection c = connections.get(0);
            byte[] last = await(inPlace ? pingPongInPlace(c, payload, n) : pingPong(c, payload, n));
            return result(List.of(last));
        }
        List<Task<byte[]>> tasks = new ArrayList<>(connections.size());
        for (Connection c : connections) {
            tasks.add(createTask(inPlace ? pingPongInPlace(c, payload, n) : pingPong(c, payload, n)));
        }
        List<byte[]> out = await(gather(tasks));
        return result(out);
    }

    @Async
    static Coroutine<Void> closeAll(List<Connection> connections) throws IOException {
        for (Connection c : connections) {
            c.writer().close();
        }
        for (Connection c : connections) {
            await(c.writer().waitClosed());
        }
        return result();
    }

    @Async
    static Coroutine<Void> stopServer(Server s) throws IOException {
        s.close();
        await(s.waitClosed());
        return result();
    }

    /** Server and client each on their own loop thread. */
    public AwaitjEcho() {
        this(false);
    }

    /** With {@code oneLoop}, server and client on the same loop thread. */
    public AwaitjEcho(boolean oneLoop) {
        this(oneLoop, false);
    }

    private AwaitjEcho(boolean oneLoop, boolean inPlace) {
        this.oneLoop = oneLoop;
        this.inPlace = inPlace;
    }

    /** Server and client each on their own loop thread, reading into arrays they keep. */
    public static AwaitjEcho inPlace() {
        return new AwaitjEcho(false, true);
    }

    @Override
    public void start(int n) throws Exception {
        serverLoop = new LoopThread(oneLoop ? "awaitj-echo" : "awaitj-echo-server");
        clientLoop = oneLoop ? serverLoop : new LoopThread("awaitj-echo-client");
        server = serverLoop.call(listen(inPlace));
        connections = clientLoop.call(connect(server.port(), n));
        for (byte[] back : clientLoop.call(batch(connections, payload, 1, inPlace))) {
            EchoSystem.check(back, "awaitj");
        }
    }

    @Override
    public void roundTrips(int perConnection) throws Exception {
        clientLoop.call(batch(connections, payload, perConnection, inPlace));
    }

    @Override
    public void close() throws Exception {
        try {
            if (connections != null) {
                clientLoop.call(closeAll(connections));
            }
            if (server != null) {
                serverLoop.call(stopServer(server));
            }
        } finally {
            if (clientLoop != null) {
                clientLoop.stop();
            }
            if (serverLoop != null && serverLoop != clientLoop) {
                serverLoop.stop();
            }
        }
    }

    /** An event loop running forever on a daemon thread of its own. */
    static final class LoopThread {
        final EventLoop loop = new EventLoop();
        final Thread thread;

        LoopThread(String name) {
            thread = new Thread(loop::runForever, name);
            thread.setDaemon(true);
            thread.start();
        }

        <T> T call(Coroutine<T> coro) throws Exception {
            return runCoroutineThreadsafe(coro, loop).get(60, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            loop.callSoonThreadsafe(loop::stop);
            thread.join(10_000);
            if (!thread.isAlive()) {
                loop.close();
            }
        }
    }
}
