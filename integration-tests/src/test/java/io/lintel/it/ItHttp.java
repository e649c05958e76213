package io.lintel.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The plain HTTP/1.1 client the integration tests talk to the gateway and its admin server with. */
final class ItHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private ItHttp() {}

    /** {@code GET http://127.0.0.1:<port><path>}. */
    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return get(URI.create("http://127.0.0.1:" + port + path));
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri));
    }

    /** Sends the request with a 10 s timeout, so that a hung gateway fails the test instead of stalling it. */
    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
