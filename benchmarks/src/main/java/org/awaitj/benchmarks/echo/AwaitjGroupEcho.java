package org.awaitj.benchmarks.echo;

import org.awaitj.LoopGroup;
import org.awaitj.io.Connection;
import org.awaitj.io.Server;

import java.util.List;

/**
 * awaitj with the server on a {@link LoopGroup} of {@code serverLoops} loops ({@code LoopGroup.startServer}:
 * one SO_REUSEPORT listener per loop on Linux, the kernel spreading the connections), and the client on one
 * loop thread as in {@link AwaitjEcho}, with the same handler and client coroutines.
 */
public final class AwaitjGroupEcho implements EchoSystem {
    private final byte[] payload = EchoSystem.payload();
    private final int serverLoops;
    private LoopGroup group;
    private AwaitjEcho.LoopThread clientLoop;
    private Server server;
    private List<Connection> connections;

    public AwaitjGroupEcho(int serverLoops) {
        this.serverLoops = serverLoops;
    }

    @Override
    public void start(int n) throws Exception {
        group = new LoopGroup(serverLoops);
        server = group.startServer((r, w) -> AwaitjEcho.serve(r, w), "127.0.0.1", 0);
        clientLoop = new AwaitjEcho.LoopThread("awaitj-group-echo-client");
        connections = clientLoop.call(AwaitjEcho.connect(server.port(), n));
        for (byte[] back : clientLoop.call(AwaitjEcho.batch(connections, payload, 1, false))) {
            EchoSystem.check(back, "awaitj LoopGroup(" + serverLoops + ")");
        }
    }

    @Override
    public void roundTrips(int perConnection) throws Exception {
        clientLoop.call(AwaitjEcho.batch(connections, payload, perConnection, false));
    }

    @Override
    public void close() throws Exception {
        try {
            if (connections != null) {
                clientLoop.call(AwaitjEcho.closeAll(connections));
            }
        } finally {
            if (clientLoop != null) {
                clientLoop.stop();
            }
            if (group != null) {
                group.close();      // closes the server, the handlers' tasks and the loop threads
            }
        }
    }
}
