package org.awaitj.benchmarks.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitj.benchmarks.VirtualThreads;

/**
 * Virtual thread per connection over blocking {@code java.net.Socket}s (TCP_NODELAY): an accepting virtual
 * thread, a serving virtual thread per accepted connection ({@code read} into a buffer, {@code write} it back),
 * and a client virtual thread per connection that runs the batches the benchmark thread hands it. Java 21+
 * (reached through {@link VirtualThreads}, so that the module compiles for 17).
 *
 * <p>The virtual-thread scheduler gets {@link #CARRIERS} carriers, one per loop thread the other systems get
 * (a server loop and a client loop): the benchmark JVMs are started with
 * {@code -Djdk.virtualThreadScheduler.parallelism=1} for the other workloads, so {@link #start} raises it
 * before the first virtual thread of the JVM exists, and checks that two virtual threads really run at once.
 */
public final class VirtualThreadEcho implements EchoSystem {
    /** Carriers of the virtual-thread scheduler: as many as the threads of the other systems (2). */
    public static final int CARRIERS = 2;

    private final byte[] payload = EchoSystem.payload();
    private ServerSocket serverSocket;
    private Thread acceptor;
    private final List<Socket> accepted = new ArrayList<>();
    private final List<ClientThread> clients = new ArrayList<>();
    private volatile CountDownLatch batchDone;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Sets the scheduler's parallelism before the first virtual thread; fails if it is too late for that. */
    static void useCarriers(int carriers) throws InterruptedException {
        System.setProperty("jdk.virtualThreadScheduler.parallelism", Integer.toString(carriers));
        // two virtual threads that spin until both have started: they only both start with two carriers
        AtomicInteger started = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        Runnable spin = () -> {
            started.incrementAndGet();
            while (started.get() < carriers && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        };
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < carriers; i++) {
            ts.add(VirtualThreads.start(spin));
        }
        for (Thread t : ts) {
            t.join();
        }
        if (System.nanoTime() >= deadline) {
            throw new IllegalStateException("the virtual-thread scheduler has fewer than " + carriers + " carriers: "
                    + "a virtual thread ran before this benchmark set jdk.virtualThreadScheduler.parallelism");
        }
    }

    final class ClientThread implements Runnable {
        final LinkedBlockingQueue<int[]> commands = new LinkedBlockingQueue<>();
        final int port;
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        Socket socket;

        ClientThread(int port) {
            this.port = port;
        }

        @Override
        public void run() {
            try (Socket s = new Socket()) {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                socket = s;
                connected.complete(null);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] back = new byte[PAYLOAD];
                while (true) {
                    int[] cmd = commands.take();
                    int n = cmd[0];
                    if (n < 0) {
                        return;
                    }
                    try {
                        for (int i = 0; i < n; i++) {
                            out.write(payload);
                            if (in.readNBytes(back, 0, PAYLOAD) != PAYLOAD) {
                                throw new IOException("virtual threads: the server closed the connection");
                            }
                        }
                        if (cmd[1] != 0) {
                            EchoSystem.check(back, "virtual threads");
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        batchDone.countDown();
                    }
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                connected.completeExceptionally(e);
            }
        }
    }

    /** Echoes what {@code s} receives until EOF, through a buffer of {@code bufferSize} bytes. */
    static void serve(Socket s, int bufferSize) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[bufferSize];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the client went away (teardown)
        }
    }

    @Override
    public void start(int n) throws Exception {
        useCarriers(CARRIERS);
        serverSocket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        acceptor = VirtualThreads.start(() -> {
            try {
                while (true) {
                    Socket s = serverSocket.accept();
                    s.setTcpNoDelay(true);
                    synchronized (accepted) {
                        accepted.add(s);
                    }
                    VirtualThreads.start(() -> serve(s, 64 * 1024));
                }
            } catch (IOException e) {
                // closed
            }
        });
        for (int i = 0; i < n; i++) {
            ClientThread c = new ClientThread(serverSocket.getLocalPort());
            clients.add(c);
            VirtualThreads.start(c);
            c.connected.get(10, TimeUnit.SECONDS);
        }
        batch(1, true);
    }

    @Override
    public void roundTrips(int perConnection) throws Exception {
        batch(perConnection, false);
    }

    private void batch(int perConnection, boolean verify) throws Exception {
        CountDownLatch done = new CountDownLatch(clients.size());
        batchDone = done;
        int[] cmd = {perConnection, verify ? 1 : 0};
        for (ClientThread c : clients) {
            c.commands.add(cmd);
        }
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("virtual threads: a batch did not finish within 60 s");
        }
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("virtual threads: a connection failed", e);
        }
    }

    @Override
    public void close() throws Exception {
        for (ClientThread c : clients) {
            c.commands.add(new int[] {-1, 0});
        }
        if (serverSocket != null) {
            serverSocket.close();
        }
        if (acceptor != null) {
            acceptor.join(5000);
        }
        synchronized (accepted) {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
