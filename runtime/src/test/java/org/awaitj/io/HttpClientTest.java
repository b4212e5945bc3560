package org.awaitj.io;

import org.awaitj.*;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Awaiting {@code HttpClient.sendAsync}: a CompletionStage completed on the client's threads. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpClientTest {
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("hello " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Async
    Coroutine<String> fetch(HttpClient client, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        HttpResponse<String> response = await(client.sendAsync(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()));
        return result(response.statusCode() + " " + response.body());
    }

    @Async
    Coroutine<List<String>> fetchMany() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<Coroutine<String>> fetches = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fetches.add(fetch(client, "/page/" + i));
        }
        List<String> got = new ArrayList<>(await(gather(fetches)));
        got.add(await(fetch(client, "/missing")));
        return result(got);
    }

    @Test
    void sendAsyncIsAwaitedAndGatheredLikeAnyAwaitable() throws Exception {
        List<String> got = AsyncIO.run(fetchMany());
        assertEquals(21, got.size());
        for (int i = 0; i < 20; i++) {
            assertEquals("200 hello /page/" + i, got.get(i));
        }
        assertEquals("404 hello /missing", got.get(20));
    }
}
