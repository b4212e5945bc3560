package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

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
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.sync.Semaphore;
import org.awaitj.annotations.Async;

/**
 * The guide's "web requests" use case: fetch many URLs concurrently with {@code gather}, at most five at a
 * time thanks to a {@link Semaphore}. {@code HttpClient.sendAsync} returns a CompletableFuture, and
 * {@code await} takes it as it is. The pages come from a local server started for the occasion, which
 * takes 0.1 s per page: 20 pages, 5 at a time, about 0.4 s.
 */
public class HttpFetcher {
    static final int PAGES = 20;
    static final int AT_ONCE = 5;

    private int inFlight;
    private int peak;

    @Async
    @SuppressWarnings("try")    // held is only there to be released at the end of the block
    Coroutine<String> fetch(HttpClient client, Semaphore limit, URI uri) throws IOException, InterruptedException {
        try (var held = await(limit.locked())) {
            peak = Math.max(peak, ++inFlight);
            try {
                HttpResponse<String> response = await(client.sendAsync(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString()));
                return result(uri.getPath() + " -> " + response.statusCode() + " " + response.body());
            } finally {
                inFlight--;
            }
        }
    }

    @Async
    Coroutine<List<String>> fetchAll(String base) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Semaphore limit = new Semaphore(AT_ONCE);
        List<Coroutine<String>> fetches = new ArrayList<>();
        for (int i = 1; i <= PAGES; i++) {
            fetches.add(fetch(client, limit, URI.create(base + "/page/" + i)));
        }
        List<String> pages = await(gather(fetches));
        for (String page : pages) {
            System.out.println(page);
        }
        System.out.println("Fetched " + pages.size() + " pages, at most " + peak + " at a time");
        return result(pages);
    }

    /** A local web server whose pages take 0.1 s each, on a free port of 127.0.0.1. */
    static HttpServer startLocalServer(ExecutorService threads) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(100);      // the server's own thread: a slow backend
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("content of " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(threads);
        server.start();
        return server;
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(2 * AT_ONCE);
        HttpServer server = startLocalServer(threads);
        try {
            AsyncIO.run(new HttpFetcher().fetchAll("http://127.0.0.1:" + server.getAddress().getPort()));
        } finally {
            server.stop(0);
            threads.shutdown();
        }
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
