package org.awaitj.io;

import org.awaitj.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.io.StreamSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** TLS on the same streams, client and server, with a certificate made for the test by keytool. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsTest {
    private static SSLContext serverContext;
    private static SSLContext clientContext;

    @BeforeAll
    static void makeCertificate(@TempDir Path dir) throws Exception {
        TestTls tls = TestTls.make(dir);
        serverContext = tls.server;
        clientContext = tls.client;
    }

    @Async
    Coroutine<byte[]> tlsEcho(String host, byte[] payload) throws IOException {
        Server server = await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0, serverContext));
        Connection c = await(openConnection(host, server.port(), clientContext));
        // TLS has no half-close: send concurrently, read exactly as much back, then close
        Task<Void> sending = createTask(sendInChunks(c.writer(), payload));
        byte[] back = await(c.reader().readExactly(payload.length));
        await(sending);
        await(c.closeAsync());
        server.close();
        await(server.waitClosed());
        return result(back);
    }

    @Async
    Coroutine<Void> sendInChunks(StreamWriter writer, byte[] payload) throws IOException {
        for (int off = 0; off < payload.length; off += 50_000) {
            writer.write(java.util.Arrays.copyOfRange(payload, off, Math.min(payload.length, off + 50_000)));
            await(writer.drain());
        }
        return result();
    }

    @Test
    void tlsEchoOfALine() throws Exception {
        byte[] line = "hello over TLS\n".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(line, AsyncIO.run(tlsEcho(HOST, line)));
    }

    @Test
    void tlsEchoOfFourMebibytes() throws Exception {
        byte[] payload = StreamSupport.pattern(4 * 1024 * 1024);
        assertArrayEquals(payload, AsyncIO.run(tlsEcho(HOST, payload)));
    }

    @Test
    void tlsEchoByHostName() throws Exception {
        byte[] line = "by name\n".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(line, AsyncIO.run(tlsEcho("localhost", line)));
    }

    @Async
    Coroutine<List<String>> untrustedThenTrusted() throws Exception {
        List<String> facts = new ArrayList<>();
        Server server = await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0, serverContext));
        try {
            await(openConnection(HOST, server.port(), SSLContext.getDefault()));   // does not trust the test's certificate
            facts.add("connected?");
        } catch (SSLHandshakeException e) {
            facts.add("untrusted certificate refused");
        }
        Connection c = await(openConnection(HOST, server.port(), clientContext));
        facts.add("then a trusted client is served: " + !c.writer().isClosing());
        try {
            c.writer().writeEof();
        } catch (UnsupportedOperationException e) {
            facts.add("no half-close over TLS");
        }
        c.writer().write("x\n".getBytes(StandardCharsets.US_ASCII));
        facts.add(new String(await(c.reader().readLine()), StandardCharsets.US_ASCII).trim());
        await(c.closeAsync());
        server.close();
        await(server.waitClosed());
        facts.add("keys left: " + RuntimeTestSupport.selectorKeyCount(getRunningLoop()));
        return result(facts);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsTheHandshakeAndTheServerGoesOn() throws Exception {
        assertEquals(List.of("untrusted certificate refused", "then a trusted client is served: true",
                "no half-close over TLS", "x", "keys left: 0"), AsyncIO.run(untrustedThenTrusted()));
    }

    @Async
    Coroutine<String> plainClientOnTlsServer() throws IOException {
        Server server = await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0, serverContext));
        Connection c = await(openConnection(HOST, server.port()));
        c.writer().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] answer = await(c.reader().read(-1));      // the server drops the connection after a TLS alert
        await(c.closeAsync());
        server.close();
        await(server.waitClosed());
        return result("closed by the server after " + (answer.length < 100 ? "a short alert" : answer.length + " bytes"));
    }

    @Test
    void plainTextToATlsServerIsDropped() throws Exception {
        assertEquals("closed by the server after a short alert", AsyncIO.run(plainClientOnTlsServer()));
    }
}
