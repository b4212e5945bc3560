package org.awaitj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * An event loop's channels, like asyncio's {@code selector_events}: the {@link Selector} the loop blocks in,
 * the channels it watches for the transports of {@code org.awaitj.io} ({@code add_reader}/{@code add_writer}),
 * and the dispatch of their readiness into the loop's FIFO ready queue, where it waits its turn like
 * everything else. Loop thread only, except {@link #wakeUp()}.
 */
final class SelectorEvents {
    private static final System.Logger LOG = System.getLogger("org.awaitj");

    private final EventLoop loop;
    /** Opened on first need (the first wait or watched channel), closed by {@link #close()}. */
    private volatile Selector selector;
    /** A direct buffer that socket transports read into (asyncio's max_size), shared: the loop is one thread. */
    private ByteBuffer ioBuffer;
    /** How many times the selector was asked (a wait or a poll): for the tests of how often the loop asks. */
    long selections;
    /** The selector was asked since the last busy turn's look. */
    private boolean askedSinceBusyTurn;
    /** What each selection calls for a ready key, made once. */
    private final Consumer<SelectionKey> onReady = this::channelReady;

    SelectorEvents(EventLoop loop) {
        this.loop = loop;
    }

    /** What the loop runs when a watched channel is ready; one handle per direction, reused (as asyncio does). */
    private static final class IoWatch {
        Handle reader;
        Handle writer;
    }

    /** Opens the selector if it is not yet, so that {@link #wakeUp()} finds it once the loop sleeps. */
    void open() {
        selector();
    }

    /** Queues the callbacks of the channels ready now, without waiting; nothing to do when none is registered. */
    void poll() {
        Selector sel = selector;
        if (sel != null && !sel.keys().isEmpty()) {
            select(sel, 0);
        }
    }

    /**
     * A turn that has entries ready already: polls, unless the selector was asked since the last such turn. What
     * that selection found runs now (a read callback, then the task it wakes), so a wake-up costs one selection,
     * not two, and the channels are still looked at every other busy turn; a loop that stops polls once more.
     */
    void pollBusy(boolean stopping) {
        if (askedSinceBusyTurn && !stopping) {
            askedSinceBusyTurn = false;
        } else {
            poll();
        }
    }

    /** Waits up to {@code timeoutMillis} (0: polls; negative: until woken) and queues the ready channels' callbacks. */
    void select(long timeoutMillis) {
        select(selector(), timeoutMillis);
    }

    private void select(Selector sel, long timeoutMillis) {
        selections++;
        askedSinceBusyTurn = true;
        try {
            if (timeoutMillis == 0) {
                sel.selectNow(onReady);
            } else {
                sel.select(onReady, Math.max(0, timeoutMillis));
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "selector failed on " + loop, e);
        }
    }

    private void channelReady(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        IoWatch w = (IoWatch) key.attachment();
        int ops = key.readyOps();
        if ((ops & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && w.reader != null) {
            loop.readyAdd(w.reader);
        }
        if ((ops & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && w.writer != null) {
            loop.readyAdd(w.writer);
        }
    }

    /** Whether some channel waits for readiness (a pending read, write, accept or connect). */
    boolean watchesChannels() {
        Selector sel = selector;
        if (sel == null) {
            return false;
        }
        for (SelectionKey k : sel.keys()) {
            if (k.isValid() && k.interestOps() != 0) {
                return true;
            }
        }
        return false;
    }

    private Selector selector() {
        Selector sel = selector;
        if (sel == null) {
            loop.checkOpen();
            try {
                sel = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a selector for " + loop, e);
            }
            selector = sel;
        }
        return sel;
    }

    /** Ends a wait in the selector early; any thread. */
    void wakeUp() {
        Selector sel = selector;
        if (sel != null) {
            sel.wakeup();
        }
    }

    /** {@link EventLoop#addReader}: reading, or accepting for a server channel. */
    void addReader(SelectableChannel channel, Runnable callback) throws IOException {
        int op = (channel.validOps() & SelectionKey.OP_ACCEPT) != 0 ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ;
        watch(channel, op, true, callback);
    }

    /** {@link EventLoop#addWriter}: writing, or finishing a pending connect. */
    void addWriter(SelectableChannel channel, Runnable callback) throws IOException {
        int op = channel instanceof SocketChannel s && s.isConnectionPending() ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE;
        watch(channel, op, false, callback);
    }

    boolean removeReader(SelectableChannel channel) {
        return unwatch(channel, SelectionKey.OP_READ | SelectionKey.OP_ACCEPT, true);
    }

    boolean removeWriter(SelectableChannel channel) {
        return unwatch(channel, SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT, false);
    }

    private void watch(SelectableChannel channel, int op, boolean reader, Runnable callback) throws IOException {
        Selector sel = selector();
        SelectionKey key = channel.keyFor(sel);
        if (key != null && !key.isValid()) {
            sel.selectNow(k -> { });    // a cancelled key stays registered until the next selection
            key = null;
        }
        if (key == null) {
            key = channel.register(sel, 0, new IoWatch());
        }
        IoWatch w = (IoWatch) key.attachment();
        Handle h = Handle.inCurrentContext(new Handle(callback, Double.NaN, 0), loop);    // as asyncio's add_reader
        Handle old = reader ? w.reader : w.writer;
        if (old != null) {
            old.cancel();
        }
        if (reader) {
            w.reader = h;
        } else {
            w.writer = h;
        }
        key.interestOps(key.interestOps() | op);
    }

    private boolean unwatch(SelectableChannel channel, int ops, boolean reader) {
        Selector sel = selector;
        SelectionKey key = sel == null ? null : channel.keyFor(sel);
        if (key == null || !key.isValid()) {
            return false;
        }
        IoWatch w = (IoWatch) key.attachment();
        Handle old = reader ? w.reader : w.writer;
        if (reader) {
            w.reader = null;
        } else {
            w.writer = null;
        }
        key.interestOps(key.interestOps() & ~ops);    // the key itself stays until the channel is closed
        if (old == null) {
            return false;
        }
        old.cancel();
        return true;
    }

    /** How many channels hold a valid key in the selector: for tests that look for leaked keys. */
    int keyCount() {
        Selector sel = selector;
        if (sel == null || !sel.isOpen()) {
            return 0;
        }
        int n = 0;
        for (SelectionKey k : sel.keys()) {
            if (k.isValid()) {
                n++;
            }
        }
        return n;
    }

    /** The loop's shared direct read buffer; its content is only valid until the next read. */
    ByteBuffer ioBuffer() {
        if (ioBuffer == null) {
            ioBuffer = ByteBuffer.allocateDirect(256 * 1024);
        }
        return ioBuffer;
    }

    /** Closes the channels still watched (nothing could serve them any more) and the selector. */
    void close() {
        Selector sel = selector;
        if (sel == null) {
            return;
        }
        for (SelectionKey k : new ArrayList<>(sel.keys())) {
            try {
                k.channel().close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing " + k.channel(), e);
            }
        }
        try {
            sel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the selector of " + loop, e);
        }
    }
}
