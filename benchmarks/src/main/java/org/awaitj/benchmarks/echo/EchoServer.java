package org.awaitj.benchmarks.echo;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitj.LoopGroup;
import org.awaitj.benchmarks.VirtualThreads;
import org.awaitj.io.Server;

/**
 * An echo server alone, on 127.0.0.1 and a port the kernel picks, for the benchmarks whose client runs in
 * another JVM ({@link EchoClient}, through {@link ClientProcess}): {@link EchoCores} and {@link ManyConnections}.
 * The servers are those of the in-JVM {@link Echo} benchmark, by name:
 *
 * <ul>
 *   <li>{@code awaitj}: one {@link org.awaitj.EventLoop} on a thread of its own, {@code startServer};</li>
 *   <li>{@code awaitjGroup1}, {@code awaitjGroup2}: {@code LoopGroup(n).startServer} (SO_REUSEPORT listeners);</li>
 *   <li>{@code netty}, {@code netty2}: Netty's NIO transport with one or two event loops;</li>
 *   <li>{@code nettyEpoll}, {@code nettyEpoll2}: Netty's native epoll transport, one or two event loops;</li>
 *   <li>{@code virtualThread}: a virtual thread per connection on {@link VirtualThreadEcho#CARRIERS} carriers,
 *       reading into a 16 KiB buffer ({@code InputStream.transferTo}'s size: a thread-per-connection server
 *       owns its buffer while it blocks, so its size is part of what an idle connection costs).</li>
 * </ul>
 */
public interface EchoServer {
    /** Every name {@link #start} knows. */
    List<String> NAMES = List.of("awaitj", "awaitjGroup1", "awaitjGroup2", "netty", "netty2", "nettyEpoll",
            "nettyEpoll2", "virtualThread");

    /** The port it listens on. */
    int port();

    /** Stops listening and closes what it accepted; the client should have closed its connections first. */
    void close() throws Exception;

    static EchoServer start(String name) throws Exception {
        return switch (name) {
            case "awaitj" -> new AwaitjOneLoop();
            case "awaitjGroup1" -> new AwaitjGroup(1);
            case "awaitjGroup2" -> new AwaitjGroup(2);
            case "netty" -> new Netty(false, 1);
            case "netty2" -> new Netty(false, 2);
            case "nettyEpoll" -> new Netty(true, 1);
            case "nettyEpoll2" -> new Netty(true, 2);
            case "virtualThread" -> new VirtualThreadServer(16 * 1024);
            default -> throw new IllegalArgumentException("unknown server " + name + ": one of " + NAMES);
        };
    }

    /** {@link AwaitjEcho}'s server: one loop thread. */
    final class AwaitjOneLoop implements EchoServer {
        private final AwaitjEcho.LoopThread loop = new AwaitjEcho.LoopThread("awaitj-echo-server");
        private final Server server;

        AwaitjOneLoop() throws Exception {
            server = loop.call(AwaitjEcho.listen(false));
        }

        @Override
        public int port() {
            return server.port();
        }

        @Override
        public void close() throws Exception {
            try {
                loop.call(AwaitjEcho.stopServer(server));
            } finally {
                loop.stop();
            }
        }
    }

    /** {@link AwaitjGroupEcho}'s server: a LoopGroup. */
    final class AwaitjGroup implements EchoServer {
        private final LoopGroup group;
        private final Server server;

        AwaitjGroup(int loops) throws IOException {
            group = new LoopGroup(loops);
            server = group.startServer((r, w) -> AwaitjEcho.serve(r, w), "127.0.0.1", 0);
        }

        @Override
        public int port() {
            return server.port();
        }

        @Override
        public void close() {
            group.close();      // the server, the handlers' tasks, the threads
        }
    }

    /** {@link NettyEcho}'s server. */
    final class Netty implements EchoServer {
        private final EventLoopGroup group;
        private final Channel channel;

        Netty(boolean epoll, int threads) throws InterruptedException {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
            group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("netty-echo-server", true),
                    NettyEcho.ioHandler(epoll));
            channel = NettyEcho.bindServer(group, epoll);
        }

        @Override
        public int port() {
            return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
        }

        @Override
        public void close() throws Exception {
            channel.close().await(10, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    /** {@link VirtualThreadEcho}'s server, with the read buffer's size given. */
    final class VirtualThreadServer implements EchoServer {
        private final ServerSocket serverSocket;
        private final Thread acceptor;
        private final List<Socket> accepted = new ArrayList<>();

        VirtualThreadServer(int bufferSize) throws Exception {
            VirtualThreadEcho.useCarriers(VirtualThreadEcho.CARRIERS);
            serverSocket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
            acceptor = VirtualThreads.start(() -> {
                try {
                    while (true) {
                        Socket s = serverSocket.accept();
                        s.setTcpNoDelay(true);
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                        VirtualThreads.start(() -> VirtualThreadEcho.serve(s, bufferSize));
                    }
                } catch (IOException e) {
                    // closed
                }
            });
        }

        @Override
        public int port() {
            return serverSocket.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            serverSocket.close();
            acceptor.join(5000);
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }
}
