package io.ssosync.http;

import java.util.Optional;

import io.vertx.core.MultiMap;

/**
 * The headers every answer carries. The service answers JSON only: nothing of it may be framed, sniffed into
 * another type, cached or sent on as a referrer, and no content policy is needed beyond "nothing".
 */
final class SecurityHeaders {

    private final Optional<String> hsts;

    SecurityHeaders(Optional<String> hsts) {
        this.hsts = hsts.filter(value -> !value.isBlank());
    }

    void addTo(MultiMap headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        hsts.ifPresent(value -> headers.set("Strict-Transport-Security", value));
    }
}
