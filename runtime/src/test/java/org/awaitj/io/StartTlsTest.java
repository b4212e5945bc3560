package org.awaitj.io;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.createTask;
import static org.awaitj.AsyncIO.openConnection;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.AsyncIO.sleep;
import static org.awaitj.AsyncIO.startServer;
import static org.awaitj.io.StreamSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.RuntimeTestSupport;
import org.awaitj.Task;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** StreamWriter.startTls: a plain connection upgraded in place (STARTTLS), the same reader and writer going on. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StartTlsTest {
    private static TestTls tls;

    @BeforeAll
    static void makeCertificate(@TempDir Path dir) throws Exception {
        tls = TestTls.make(dir);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII).trim();
    }

    /**
     * The JDK's SSLSocket as the server, on a plain thread: "220 ready", waits for STARTTLS, answers "go",
     * upgrades the same socket, then echoes one line over TLS.
     */
    static final class JdkPeer implements AutoCloseable {
        final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        final CompletableFuture<String> outcome = new CompletableFuture<>();

        JdkPeer(SSLContext ssl) throws IOException {
            Thread t = new Thread(() -> {
                try {
                    outcome.complete(serve(ssl));
                } catch (Throwable e) {
                    outcome.completeExceptionally(e);
                }
            }, "jdk-starttls-peer");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private String serve(SSLContext ssl) throws IOException {
            try (Socket plain = listener.accept()) {
                plain.setSoTimeout(30_000);
                OutputStream out = plain.getOutputStream();
                out.write(bytes("220 ready\r\n"));
                String command = readLine(plain.getInputStream());
                if (!command.equals("STARTTLS")) {
                    return "unexpected " + command;
                }
                out.write(bytes("go\r\n"));
                SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket(plain, HOST, plain.getPort(), true);
                s.setUseClientMode(false);
                s.startHandshake();
                String line = readLine(s.getInputStream());
                s.getOutputStream().write(bytes("echo: " + line + "\n"));
                s.getOutputStream().flush();
                readLine(s.getInputStream());      // until the client closes
                return "served " + line + " over " + s.getSession().getProtocol();
            }
        }

        /** One line, read byte by byte: a buffered reader would swallow the first TLS record. */
        private static String readLine(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString().trim();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    @Async
    Coroutine<List<String>> upgradeAfterAGreeting(int port, String serverHostname) throws IOException {
        List<String> facts = new ArrayList<>();
        Connection c = await(openConnection(HOST, port));
        StreamReader reader = c.reader();
        StreamWriter writer = c.writer();
        facts.add(text(await(reader.readLine())));
        writer.write(bytes("STARTTLS\r\n"));
        facts.add(text(await(reader.readLine())));
        try {
            await(writer.startTls(tls.client, serverHostname));
        } catch (SSLHandshakeException e) {
            facts.add("handshake refused, connection closing: " + writer.isClosing());
            return result(facts);
        }
        writer.write(bytes("hello\n"));
        facts.add(text(await(reader.readLine())));
        facts.add("half-close after the upgrade: " + writer.canWriteEof());
        await(c.closeAsync());
        return result(facts);
    }

    @Test
    void aPlainConnectionUpgradesInPlaceAfterAGreetingAgainstTheJdksSslSocket() throws Exception {
        try (JdkPeer peer = new JdkPeer(tls.server)) {
            assertEquals(List.of("220 ready", "go", "echo: hello", "half-close after the upgrade: false"),
                    AsyncIO.run(upgradeAfterAGreeting(peer.port(), "localhost")));
            assertEquals(true, peer.outcome.get(30, TimeUnit.SECONDS).startsWith("served hello over TLSv1."));
        }
    }

    @Test
    void theServersCertificateMustNameTheHost() throws Exception {
        try (JdkPeer peer = new JdkPeer(tls.server)) {
            assertEquals(List.of("220 ready", "go", "handshake refused, connection closing: true"),
                    AsyncIO.run(upgradeAfterAGreeting(peer.port(), "elsewhere.example")));
        }
    }

    /** The server side of STARTTLS, in awaitj too. */
    @Async
    static Coroutine<Void> starttlsServer(StreamReader reader, StreamWriter writer) throws IOException {
        writer.write(bytes("220 ready\r\n"));
        if (text(await(reader.readLine())).equals("STARTTLS")) {
            writer.write(bytes("go\r\n"));
            await(writer.startTls(tls.server));
            writer.write(bytes("echo: " + text(await(reader.readLine())) + "\n"));
            await(writer.drain());
        }
        writer.close();
        return result();
    }

    @Async
    Coroutine<List<String>> bothSidesInAwaitj() throws IOException {
        Server server = await(startServer((r, w) -> starttlsServer(r, w), HOST, 0));
        List<String> facts = await(upgradeAfterAGreeting(server.port(), "127.0.0.1"));
        server.close();
        await(server.waitClosed());
        facts.add("keys left: " + RuntimeTestSupport.selectorKeyCount(AsyncIO.getRunningLoop()));
        return result(facts);
    }

    @Test
    void theServerSideUpgradesTooAndNothingLeaks() throws Exception {
        assertEquals(List.of("220 ready", "go", "echo: hello", "half-close after the upgrade: false", "keys left: 0"),
                AsyncIO.run(bothSidesInAwaitj()));
    }

    @Async
    static Coroutine<Void> greetThenWait(StreamReader reader, StreamWriter writer) throws IOException {
        writer.write(bytes("220 ready\r\n"));
        await(reader.read(-1));
        writer.close();
        return result();
    }

    @Async
    Coroutine<List<String>> misuse() throws Exception {
        List<String> facts = new ArrayList<>();
        Server server = await(startServer((r, w) -> greetThenWait(r, w), HOST, 0));
        Connection c = await(openConnection(HOST, server.port()));
        await(c.reader().readLine());
        Task<Void> upgrading = createTask(c.writer().startTls(tls.client, "localhost"));
        await(sleep(0));        // the upgrade has begun: its ClientHello is out, nobody answers it
        try {
            c.writer().write(bytes("plain bytes among TLS records\n"));
        } catch (IllegalStateException e) {
            facts.add("write during the handshake refused");
        }
        upgrading.cancel();
        facts.add(await(RuntimeTestSupport.outcome(upgrading)) + ", connection closing: " + c.writer().isClosing());
        server.close();
        await(server.waitClosed());

        Server tlsServer = await(startServer((r, w) -> greetThenWait(r, w), HOST, 0, tls.server));
        Connection secure = await(openConnection(HOST, tlsServer.port(), tls.client));
        try {
            await(secure.writer().startTls(tls.client, "localhost"));
        } catch (UnsupportedOperationException e) {
            facts.add(e.getMessage());
        }
        await(secure.closeAsync());
        tlsServer.close();
        await(tlsServer.waitClosed());
        return result(facts);
    }

    @Test
    void writingDuringTheUpgradeAndUpgradingTwiceAreRefusedAndCancellingDropsTheConnection() throws Exception {
        assertEquals(List.of("write during the handshake refused", "cancelled, connection closing: true",
                "the connection is TLS already"), AsyncIO.run(misuse()));
    }
}
