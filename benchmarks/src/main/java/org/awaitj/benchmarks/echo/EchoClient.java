package org.awaitj.benchmarks.echo;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The echo load generator in a JVM of its own, driven over its stdin by {@link ClientProcess}: the same client
 * for every server, so that a figure of {@link EchoCores} or {@link ManyConnections} is the server's. Netty's
 * native epoll transport (NIO where it cannot load), {@code threads} event loops, TCP_NODELAY, the connections
 * spread over the loops; each connection sends 1 KiB from the pooled allocator, counts what comes back, and
 * sends again.
 *
 * <pre>{@code java -cp benchmarks.jar org.awaitj.benchmarks.echo.EchoClient PORT [THREADS]}</pre>
 *
 * Commands, one a line; each answer is a line starting with {@code "@@ "} on stdout (Netty may log there):
 * {@code connect N} opens N more connections (64 connecting at a time, so the server's backlog never
 * overflows) and checks one round trip on each; {@code run R A} has the first A connections make R round trips
 * each, concurrently, and answers with the nanoseconds it took; {@code close} closes every connection;
 * {@code quit}, or the end of stdin (the parent died), exits.
 */
public final class EchoClient {
    private static final int CONNECTING_AT_ONCE = 64;

    private final byte[] payload = EchoSystem.payload();
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final int port;
    private final List<Conn> conns = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile CompletableFuture<Void> batchDone;

    private EchoClient(int port, int threads) {
        this.port = port;
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("echo-client", true),
                NettyEcho.ioHandler(epoll));
        bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Conn());
                    }
                });
    }

    /** One connection; its fields belong to its event loop. */
    final class Conn extends ChannelInboundHandlerAdapter {
        ChannelHandlerContext ctx;
        private int remaining;
        private int received;
        private byte[] check;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        void start(int n, boolean verify) {
            remaining = n;
            check = verify ? new byte[EchoSystem.PAYLOAD] : null;
            send();
        }

        private void send() {
            received = 0;
            ByteBuf b = ctx.alloc().buffer(EchoSystem.PAYLOAD);
            b.writeBytes(payload);
            ctx.writeAndFlush(b, ctx.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            int n = b.readableBytes();
            if (check != null && received + n <= EchoSystem.PAYLOAD) {
                b.getBytes(b.readerIndex(), check, received, n);
            }
            received += n;
            b.release();
            if (received < EchoSystem.PAYLOAD) {
                return;
            }
            if (received > EchoSystem.PAYLOAD) {
                fail(new IOException("more bytes came back than were sent"));
                return;
            }
            if (check != null) {
                try {
                    EchoSystem.check(check, "echo client");
                } catch (IOException e) {
                    fail(e);
                    return;
                }
                check = null;
            }
            if (--remaining > 0) {
                send();
            } else if (running.decrementAndGet() == 0) {
                batchDone.complete(null);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (remaining > 0) {
                fail(new IOException("the server closed a connection during a batch"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
            ctx.close();
        }
    }

    private void fail(Throwable e) {
        CompletableFuture<Void> f = batchDone;
        if (f != null) {
            f.completeExceptionally(e);
        }
    }

    private void connect(int n) throws Exception {
        int from = conns.size();
        for (int i = 0; i < n; i += CONNECTING_AT_ONCE) {
            List<ChannelFuture> fs = new ArrayList<>();
            for (int j = i; j < Math.min(n, i + CONNECTING_AT_ONCE); j++) {
                fs.add(bootstrap.connect("127.0.0.1", port));
            }
            for (ChannelFuture f : fs) {
                Channel ch = f.sync().channel();
                conns.add(ch.pipeline().get(Conn.class));
            }
        }
        batch(conns.subList(from, conns.size()), 1, true);
    }

    private long batch(List<Conn> which, int perConnection, boolean verify) throws Exception {
        if (which.isEmpty() || perConnection <= 0) {
            return 0;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        batchDone = done;
        running.set(which.size());
        long t0 = System.nanoTime();
        for (Conn c : which) {
            c.ctx.executor().execute(() -> c.start(perConnection, verify));
        }
        done.get(120, TimeUnit.SECONDS);
        return System.nanoTime() - t0;
    }

    private void closeAll() throws InterruptedException {
        List<ChannelFuture> fs = new ArrayList<>();
        for (Conn c : conns) {
            fs.add(c.ctx.channel().close());
        }
        for (ChannelFuture f : fs) {
            f.await(10, TimeUnit.SECONDS);
        }
        conns.clear();
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        EchoClient client = new EchoClient(port, threads);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.println("@@ ready");
        try {
            String line;
            while ((line = in.readLine()) != null) {
                String[] cmd = line.trim().split("\\s+");
                try {
                    switch (cmd[0]) {
                        case "connect" -> {
                            client.connect(Integer.parseInt(cmd[1]));
                            out.println("@@ ok " + client.conns.size());
                        }
                        case "run" -> {
                            int active = Math.min(Integer.parseInt(cmd[2]), client.conns.size());
                            long ns = client.batch(client.conns.subList(0, active), Integer.parseInt(cmd[1]), false);
                            out.println("@@ done " + ns);
                        }
                        case "close" -> {
                            client.closeAll();
                            out.println("@@ ok 0");
                        }
                        case "quit" -> {
                            return;
                        }
                        default -> out.println("@@ error unknown command " + line);
                    }
                } catch (Exception e) {
                    out.println("@@ error " + e.toString().replace('\n', ' '));
                }
            }
        } finally {
            client.closeAll();
            client.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }
}
