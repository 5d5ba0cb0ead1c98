package io.ssosync.console;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser's part of the code flow over plain HTTP, one redirect at a time: the service's cookies kept by name
 * (an expired one dropped) and sent back to the service only, never to the provider. java.net's CookieManager would
 * not do: it never sends a Secure cookie over http, and the tests' service speaks http.
 */
final class CookieKeepingClient {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI service;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    CookieKeepingClient(URI service) {
        this.service = service;
    }

    HttpResponse<String> get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(service.resolve(pathOrUrl)).GET());
    }

    HttpResponse<String> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(service.resolve(path)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Where a redirect points, resolved against the request it answered. */
    static String location(HttpResponse<String> response) {
        return response.request().uri().resolve(response.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("no Location in a " + response.statusCode() + " answer"))).toString();
    }

    URI service() {
        return service;
    }

    Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        URI uri = request.build().uri();
        boolean toService = uri.getHost().equals(service.getHost()) && uri.getPort() == service.getPort();
        if (toService && !cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (toService) {
                for (String header : response.headers().allValues("Set-Cookie")) {
                    for (HttpCookie cookie : HttpCookie.parse(header)) {
                        if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                            cookies.remove(cookie.getName());
                        } else {
                            cookies.put(cookie.getName(), cookie.getValue());
                        }
                    }
                }
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
