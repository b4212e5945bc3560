package org.awaitj.benchmarks.echo;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Netty 4.2, NIO transport: the server is one event loop ({@code MultiThreadIoEventLoopGroup(1, NioIoHandler)})
 * accepting and serving every connection with Netty's classic echo handler ({@code write} on read,
 * {@code flush} on read-complete); the client is another one-thread group whose handlers send the payload from
 * the pooled allocator and send again once all of it came back. TCP_NODELAY on both sides; the leak detector
 * is off (it samples buffers in its default mode). {@code new NettyEcho(true, n)} uses the native epoll
 * transport instead (Linux x86_64), with {@code n} server event loops.
 */
public final class NettyEcho implements EchoSystem {
    private final byte[] payload = EchoSystem.payload();
    private final boolean epoll;
    private final int serverThreads;
    private EventLoopGroup serverGroup;
    private EventLoopGroup clientGroup;
    private Channel serverChannel;
    private final List<Client> clients = new ArrayList<>();
    private int running;        // client event loop only
    private CompletableFuture<Void> batchDone;

    /** The NIO transport, one server event loop. */
    public NettyEcho() {
        this(false, 1);
    }

    /** With {@code epoll}, the native epoll transport; {@code serverThreads} event loops serve the connections. */
    public NettyEcho(boolean epoll, int serverThreads) {
        this.epoll = epoll;
        this.serverThreads = serverThreads;
    }

    @Sharable
    static final class EchoServerHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** One client connection: sends the payload, counts the bytes that come back, sends again. */
    final class Client extends ChannelInboundHandlerAdapter {
        private ChannelHandlerContext ctx;
        private int remaining;
        private int received;
        private byte[] check;       // the setup's round trip collects what comes back

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        void start(int n, boolean verify) {
            remaining = n;
            check = verify ? new byte[PAYLOAD] : null;
            send();
        }

        private void send() {
            received = 0;
            ByteBuf b = ctx.alloc().buffer(PAYLOAD);
            b.writeBytes(payload);
            ctx.writeAndFlush(b, ctx.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            int n = b.readableBytes();
            if (check != null && received + n <= PAYLOAD) {
                b.getBytes(b.readerIndex(), check, received, n);
            }
            received += n;
            b.release();
            if (received < PAYLOAD) {
                return;
            }
            if (received > PAYLOAD) {
                fail(new IOException("netty: more bytes came back than were sent"));
            } else if (check != null) {
                try {
                    EchoSystem.check(check, "netty");
                } catch (IOException e) {
                    fail(e);
                    return;
                }
            }
            if (--remaining > 0) {
                send();
            } else {
                clientDone();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
            ctx.close();
        }
    }

    private void clientDone() {
        if (--running == 0) {
            batchDone.complete(null);
        }
    }

    private void fail(Throwable e) {
        CompletableFuture<Void> f = batchDone;
        if (f != null) {
            f.completeExceptionally(e);
        }
    }

    /** The echo server on {@code group}: 127.0.0.1, a port picked by the kernel, the classic echo handler. */
    static Channel bindServer(EventLoopGroup group, boolean epoll) throws InterruptedException {
        Class<? extends ServerChannel> serverType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EchoServerHandler handler = new EchoServerHandler();
        return new ServerBootstrap()
                .group(group)
                .channel(serverType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(handler);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** The IO handler of the NIO transport, or of the native epoll one (failing if it cannot load). */
    static IoHandlerFactory ioHandler(boolean epoll) {
        if (!epoll) {
            return NioIoHandler.newFactory();
        }
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("netty: the native epoll transport is not available", Epoll.unavailabilityCause());
        }
        return EpollIoHandler.newFactory();
    }

    @Override
    public void start(int n) throws Exception {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        serverGroup = new MultiThreadIoEventLoopGroup(serverThreads, new DefaultThreadFactory("netty-echo-server", true),
                ioHandler(epoll));
        clientGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("netty-echo-client", true),
                ioHandler(epoll));
        Class<? extends Channel> clientType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        serverChannel = bindServer(serverGroup, epoll);
        int port = ((java.net.InetSocketAddress) serverChannel.localAddress()).getPort();
        Bootstrap b = new Bootstrap()
                .group(clientGroup)
                .channel(clientType)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Client c = new Client();
                        synchronized (clients) {
                            clients.add(c);
                        }
                        ch.pipeline().addLast(c);
                    }
                });
        for (int i = 0; i < n; i++) {
            b.connect("127.0.0.1", port).sync();
        }
        synchronized (clients) {
            if (clients.size() != n) {
                throw new IllegalStateException("netty: " + clients.size() + " of " + n + " clients connected");
            }
        }
        batch(1, true);
    }

    @Override
    public void roundTrips(int perConnection) throws Exception {
        batch(perConnection, false);
    }

    private void batch(int perConnection, boolean verify) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        clientGroup.execute(() -> {
            batchDone = done;
            running = clients.size();
            for (Client c : clients) {
                c.start(perConnection, verify);
            }
        });
        done.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (clientGroup != null) {
            clientGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
        if (serverChannel != null) {
            serverChannel.close().await(10, TimeUnit.SECONDS);
        }
        if (serverGroup != null) {
            serverGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }
}
