package org.awaitj.io;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Future;
import org.awaitj.internal.AwaitOperation;
import org.awaitj.internal.CoroutineSupport;
import org.awaitj.internal.HandWrittenCoroutine;
import org.awaitj.queue.Queue;
import org.awaitj.queue.QueueShutDownException;

/**
 * A UDP socket on the event loop, as {@link AsyncIO#createDatagramEndpoint} returns it: asyncio's datagram
 * transport and protocol, with the callbacks turned into an awaitable {@link #receive()}.
 *
 * <p>Datagrams the socket receives wait in a bounded queue until a {@code receive()} takes them, first come
 * first; when the queue is full a newly arrived datagram is dropped, as the kernel drops one when the socket
 * buffer is full, and {@link #droppedCount()} counts it (the kernel's own drops are not seen). A datagram is
 * never truncated: the endpoint reads into a buffer larger than any UDP payload (65,507 bytes over IPv4).
 *
 * <p>{@link #send} hands a datagram to the kernel at once, or, when the socket buffer is full, keeps a copy
 * that the loop sends as soon as it can ({@link #drain()} waits for those). What the kernel refuses
 * synchronously is thrown by {@code send}: a datagram larger than the largest payload ("Message too long"),
 * an unreachable port reported for an earlier datagram. Errors met later, as asyncio's
 * {@code error_received} reports them (an ICMP port unreachable, on a connected endpoint; a failed deferred
 * send), are thrown by the next {@code receive()}, in the order they happened among the datagrams; the
 * endpoint stays open. Loop thread only.
 */
public final class DatagramEndpoint implements AutoCloseable {
    /** How many received datagrams wait for a {@code receive()} by default before newer ones are dropped. */
    public static final int DEFAULT_QUEUE_SIZE = 1024;
    private static final int READS_PER_TURN = 64;

    private final EventLoop loop;
    private final DatagramChannel channel;
    private final SocketAddress local;
    private final SocketAddress remote;     // null when not connected
    /** Datagrams, and the errors that receive() must throw in their place (as Failures). */
    private final Queue<Object> received;
    private long dropped;
    private final ArrayDeque<Datagram> outgoing = new ArrayDeque<>();
    private long bufferSize;
    private final List<Future<Void>> drainWaiters = new ArrayList<>(1);
    private boolean closing;
    private boolean closed;

    private record Failure(IOException error) {
    }

    private DatagramEndpoint(EventLoop loop, DatagramChannel channel, SocketAddress remote, int queueSize)
            throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.local = channel.getLocalAddress();
        this.remote = remote == null ? null : channel.getRemoteAddress();     // as the channel compares it
        this.received = new Queue<>(queueSize);
    }

    /** What {@link AsyncIO#createDatagramEndpoint} does, with the default queue size. */
    public static Coroutine<DatagramEndpoint> create(SocketAddress local, SocketAddress remote) {
        return create(local, remote, DEFAULT_QUEUE_SIZE);
    }

    /**
     * An endpoint bound to {@code local} (null: an ephemeral port on every interface) and, unless
     * {@code remote} is null, connected to {@code remote}: it then sends there by default and receives from
     * there only. Unresolved addresses are looked up off the loop. At most {@code queueSize} received
     * datagrams wait for {@link #receive()}.
     */
    public static Coroutine<DatagramEndpoint> create(SocketAddress local, SocketAddress remote, int queueSize) {
        if (queueSize < 1) {
            throw new IllegalArgumentException("queueSize must be at least 1, got " + queueSize);
        }
        checkInet(local);
        checkInet(remote);
        return new AwaitOperation<>("AsyncIO.createDatagramEndpoint(" + local + ", " + remote + ")", loop -> {
            Future<DatagramEndpoint> result = loop.createFuture();
            resolve(loop, local, result, l -> resolve(loop, remote, result, r -> {
                try {
                    DatagramEndpoint e = new DatagramEndpoint(loop, openChannel(l, r), r, queueSize);
                    loop.addReader(e.channel, e::readReady);
                    result.setResult(e);
                } catch (IOException | RuntimeException e) {
                    result.setException(e);
                }
            }));
            return result;
        });
    }

    private static void checkInet(SocketAddress a) {
        if (a != null && !(a instanceof InetSocketAddress)) {
            throw new IllegalArgumentException("a datagram endpoint needs IP socket addresses, not " + a);
        }
    }

    /** Hands {@code a} on, looked up first if it is an unresolved host name. */
    private static void resolve(EventLoop loop, SocketAddress a, Future<?> result, Consumer<SocketAddress> then) {
        if (result.isDone()) {
            return;     // cancelled meanwhile
        }
        if (!(a instanceof InetSocketAddress i) || !i.isUnresolved()) {
            then.accept(a);
            return;
        }
        Future<InetAddress[]> lookup = Connector.resolve(loop, i.getHostString());
        lookup.addDoneCallback(f -> {
            if (result.isDone()) {
                return;
            }
            if (f.isCancelled() || f.exception() != null) {
                result.setException(f.isCancelled() ? new IOException("lookup of " + i + " cancelled") : f.exception());
                return;
            }
            then.accept(new InetSocketAddress(f.result()[0], i.getPort()));
        });
    }

    private static DatagramChannel openChannel(SocketAddress local, SocketAddress remote) throws IOException {
        InetSocketAddress some = (InetSocketAddress) (local != null ? local : remote);
        DatagramChannel ch = some == null ? DatagramChannel.open() : DatagramChannel.open(
                some.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            ch.configureBlocking(false);
            ch.bind(local);     // null binds an ephemeral port now, so that localAddress() is known at once
            if (remote != null) {
                ch.connect(remote);
            }
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Reads what the socket holds (a bounded number per turn, for fairness) into the queue. */
    private void readReady() {
        ByteBuffer buf = CoroutineSupport.ioBuffer(loop);      // 256 KiB: larger than any datagram
        for (int i = 0; i < READS_PER_TURN && !closed; i++) {
            buf.clear();
            SocketAddress from;
            try {
                from = channel.receive(buf);
            } catch (IOException e) {
                enqueue(new Failure(e));      // asyncio's error_received: the endpoint stays open
                return;
            }
            if (from == null) {
                return;
            }
            buf.flip();
            byte[] data = new byte[buf.remaining()];
            buf.get(data);
            enqueue(new Datagram(data, from));
        }
    }

    private void enqueue(Object item) {
        if (received.full()) {
            dropped++;
        } else {
            received.putNowait(item);
        }
    }

    /**
     * Waits for the next datagram. Throws, in its place, an error the socket reported (see the class
     * comment), and {@link ClosedChannelException} once the endpoint is closed and the queue empty.
     * Cancelling the awaiting task takes nothing from the queue. Several tasks may wait, first come first.
     */
    public Coroutine<Datagram> receive() throws IOException {
        return new Receive();
    }

    @HandWrittenCoroutine.Of(owner = DatagramEndpoint.class, method = "receive")
    private final class Receive extends HandWrittenCoroutine<Datagram> {
        private boolean suspended;

        Receive() {
        }

        @Override
        protected Object invokeSuspend() {
            Object item;
            try {
                if (suspended) {
                    item = CoroutineSupport.resumeValue(this);
                } else {
                    if (closed && received.empty()) {
                        throw new ClosedChannelException();
                    }
                    item = CoroutineSupport.awaitCoroutine(received.get(), this);
                    if (item == CoroutineSupport.SUSPENDED) {
                        suspended = true;
                        return item;
                    }
                }
            } catch (QueueShutDownException | ClosedChannelException e) {
                throw CoroutineSupport.sneakyThrow(new ClosedChannelException());
            }
            if (item instanceof Failure f) {
                throw CoroutineSupport.sneakyThrow(f.error());
            }
            return complete(item);
        }
    }

    /**
     * Sends {@code data} as one datagram to {@code to}, which on a connected endpoint must be null or its
     * remote address.
     *
     * @throws IOException what the kernel refused at once (see the class comment); the endpoint stays open
     * @throws ClosedChannelException once {@link #close()} was called
     */
    public void send(byte[] data, SocketAddress to) throws IOException {
        Objects.requireNonNull(data, "data");
        if (closing) {
            throw new ClosedChannelException();
        }
        SocketAddress target = to;
        if (remote != null) {
            if (to != null && !to.equals(remote)) {
                throw new IllegalArgumentException("this endpoint is connected to " + remote + ": it cannot send to " + to);
            }
            target = remote;
        } else if (to == null) {
            throw new IllegalStateException("send(data) needs a connected endpoint: give the address, send(data, to)");
        }
        Datagram d = new Datagram(data.clone(), target);
        if (outgoing.isEmpty()) {
            if (sendNow(d)) {
                return;
            }
            loop.addWriter(channel, this::writeReady);
        }
        outgoing.add(d);
        bufferSize += data.length;
    }

    /** Sends {@code data} to the endpoint's remote address. */
    public void send(byte[] data) throws IOException {
        send(data, null);
    }

    /** True when the kernel took the datagram, false when its buffer is full. */
    private boolean sendNow(Datagram d) throws IOException {
        return channel.send(ByteBuffer.wrap(d.data()), d.sender()) > 0 || d.data().length == 0;
    }

    private void writeReady() {
        while (!outgoing.isEmpty()) {
            Datagram d = outgoing.peek();
            try {
                if (!sendNow(d)) {
                    return;
                }
            } catch (IOException e) {
                enqueue(new Failure(e));    // too late to throw it from send(): the next receive() does
            }
            outgoing.poll();
            bufferSize -= d.data().length;
        }
        loop.removeWriter(channel);
        wakeDrainWaiters();
        if (closing) {
            finishClose();
        }
    }

    /** Waits until the datagrams kept for a full socket buffer are sent; at once when there are none. */
    public Coroutine<Void> drain() throws IOException {
        return new AwaitOperation<>("DatagramEndpoint.drain", l -> {
            Future<Void> f = loop.createFuture();
            if (outgoing.isEmpty()) {
                f.setResult(null);
            } else {
                drainWaiters.add(f);
            }
            return f;
        });
    }

    private void wakeDrainWaiters() {
        for (Future<Void> w : drainWaiters) {
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
        drainWaiters.clear();
    }

    /**
     * Closes the endpoint once the datagrams kept for later are sent: no more are sent or received; those
     * queued can still be received, then {@code receive()} throws {@link ClosedChannelException}.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (outgoing.isEmpty()) {
            finishClose();
        }
    }

    /** Closes at once, dropping the datagrams kept for later. */
    public void abort() {
        closing = true;
        outgoing.clear();
        bufferSize = 0;
        finishClose();
    }

    private void finishClose() {
        if (closed) {
            return;
        }
        closed = true;
        loop.removeReader(channel);
        loop.removeWriter(channel);
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
        received.shutdown();    // wakes the waiting receivers, which find the queue empty and closed
        wakeDrainWaiters();
    }

    /** True once {@link #close()} or {@link #abort()} was called. */
    public boolean isClosing() {
        return closing;
    }

    /** The address the endpoint is bound to (the port picked for port 0 included). */
    public SocketAddress localAddress() {
        return local;
    }

    /** The address the endpoint is connected to, or null. */
    public SocketAddress remoteAddress() {
        return remote;
    }

    /** How many received datagrams (and errors) were dropped because the queue was full. */
    public long droppedCount() {
        return dropped;
    }

    /** How many received datagrams (and errors) wait for a {@code receive()}. */
    public int queued() {
        return received.qsize();
    }

    /** Bytes of the datagrams kept until the socket buffer has room. */
    public long writeBufferSize() {
        return bufferSize;
    }

    @Override
    public String toString() {
        return "<DatagramEndpoint local=" + local + (remote != null ? " remote=" + remote : "")
                + (closed ? " closed" : closing ? " closing" : "") + " queued=" + queued() + " dropped=" + dropped + ">";
    }
}
