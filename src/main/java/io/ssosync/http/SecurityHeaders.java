package io.ssosync.http;

import java.util.Optional;

import io.vertx.core.MultiMap;

/**
 * The headers every answer carries. Nothing may be framed, sniffed into another type, cached or sent on as a
 * referrer; the API answers JSON only and needs no content policy beyond "nothing", the console its stylesheet.
 */
final class SecurityHeaders {

    /** The console's pages load their own stylesheet and post their forms to themselves, nothing else. */
    private static final String CONSOLE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self';"
            + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final Optional<String> hsts;

    SecurityHeaders(Optional<String> hsts) {
        this.hsts = hsts.filter(value -> !value.isBlank());
    }

    void addTo(MultiMap headers, String path) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Content-Security-Policy", isConsole(path) ? CONSOLE_POLICY
                : "default-src 'none'; frame-ancestors 'none'");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        hsts.ifPresent(value -> headers.set("Strict-Transport-Security", value));
    }

    private static boolean isConsole(String path) {
        return path != null && (path.equals("/console") || path.startsWith("/console/"));
    }
}
