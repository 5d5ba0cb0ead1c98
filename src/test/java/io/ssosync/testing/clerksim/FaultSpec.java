package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Locale;

/**
 * One injected fault. Faults act only on requests that passed authentication and the rate limit; an injected
 * error uses Clerk's error envelope. Build one with the static factories and narrow it with {@link #onlyFor}.
 * Over HTTP ({@code POST /_sim/faults}) the same fields are JSON in snake_case, durations in milliseconds:
 * <pre>
 * {"type":"error_rate","rate":0.2,"status":500,"seed":42}
 * {"type":"status_window","status":503,"duration_ms":5000}
 * {"type":"status_window","status":429,"duration_ms":3000,"retry_after":3}
 * {"type":"latency","delay_ms":2000,"method":"GET"}
 * {"type":"fail_next","count":2,"status":500,"method":"POST","path_prefix":"/enterprise_connections"}
 * {"type":"hang_after_commit","delay_ms":3000,"method":"POST","count":1}
 * {"type":"garble","garble":"not_json","method":"POST","count":5}
 * {"type":"drop_connection","method":"PATCH","count":2}
 * {"type":"status_window","status":429,"duration_ms":3000,"retry_after":3,"retry_after_as_date":true}
 * </pre>
 *
 * @param type              what the fault does
 * @param status            the status answered ({@code error_rate}, {@code status_window}, {@code fail_next})
 * @param rate              the fraction of matching requests that fail ({@code error_rate})
 * @param duration          how long the fault lasts from when it is added ({@code status_window})
 * @param delay             the delay ({@code latency}, {@code hang_after_commit})
 * @param count             how many matching requests it affects ({@code fail_next}, {@code hang_after_commit});
 *                          null = every one until cleared
 * @param retryAfterSeconds a {@code Retry-After} header to send with the injected error, or null
 * @param method            only requests with this method (case-insensitive), or null for all
 * @param pathPrefix        only requests below this path (with or without {@code /v1}), or null for all
 * @param seed              a seed for {@code error_rate}, for a repeatable sequence, or null
 * @param garble            how the answer is spoilt ({@code garble})
 * @param retryAfterAsDate  whether {@code Retry-After} is sent as an HTTP-date rather than in seconds
 */
public record FaultSpec(Type type, int status, double rate, Duration duration, Duration delay, Integer count,
                        Integer retryAfterSeconds, String method, String pathPrefix, Long seed, Garble garble,
                        boolean retryAfterAsDate) {

    /** Ways an answer can break Clerk's documented shape while its status says success. */
    public enum Garble {
        /** The body is not JSON at all (say, a proxy's HTML page). */
        NOT_JSON,
        /** The body is JSON without the {@code id} field. */
        WITHOUT_ID,
        /** The body is JSON without {@code data} and {@code total_count} (for lists). */
        WITHOUT_LIST_FIELDS
    }

    public enum Type {
        /** Each matching request fails with {@code status} with probability {@code rate}. */
        ERROR_RATE,
        /** Every matching request is answered {@code status} until {@code duration} has passed. */
        STATUS_WINDOW,
        /**
         * Every matching request waits {@code delay} before it is handled, errors included. The request is
         * still carried out after the wait, even if the client has given up by then.
         */
        LATENCY,
        /** The next {@code count} matching requests are answered {@code status}, without being carried out. */
        FAIL_NEXT,
        /**
         * The next {@code count} matching requests are carried out at once (a create is stored, and visible to
         * lists) but answered only after {@code delay}: the timeout-after-commit that makes a POST ambiguous.
         */
        HANG_AFTER_COMMIT,
        /** The next {@code count} matching requests are carried out, but their answer is spoilt as {@code garble} says. */
        GARBLE,
        /** The next {@code count} matching requests get no answer: the connection is closed, nothing carried out. */
        DROP_CONNECTION
    }

    public FaultSpec {
        if (type == null) {
            throw new IllegalArgumentException("a fault needs a type");
        }
        switch (type) {
            case ERROR_RATE -> require(rate >= 0 && rate <= 1 && isStatus(status), "error_rate needs 0 <= rate <= 1 and a status");
            case STATUS_WINDOW -> require(isStatus(status) && positive(duration), "status_window needs a status and a duration");
            case LATENCY -> require(positive(delay), "latency needs a delay");
            case FAIL_NEXT -> require(isStatus(status) && count != null && count > 0, "fail_next needs a count and a status");
            case HANG_AFTER_COMMIT -> require(positive(delay) && (count == null || count > 0), "hang_after_commit needs a delay");
            case GARBLE -> require(garble != null && (count == null || count > 0), "garble needs a garble mode");
            case DROP_CONNECTION -> require(count == null || count > 0, "drop_connection needs a positive count");
        }
        method = method == null ? null : method.toUpperCase(Locale.ROOT);
    }

    public static FaultSpec errorRate(double rate, int status) {
        return new FaultSpec(Type.ERROR_RATE, status, rate, null, null, null, null, null, null, null, null, false);
    }

    public static FaultSpec statusWindow(int status, Duration duration) {
        return new FaultSpec(Type.STATUS_WINDOW, status, 0, duration, null, null, null, null, null, null, null, false);
    }

    public static FaultSpec latency(Duration delay) {
        return new FaultSpec(Type.LATENCY, 0, 0, null, delay, null, null, null, null, null, null, false);
    }

    public static FaultSpec failNext(int count, int status) {
        return new FaultSpec(Type.FAIL_NEXT, status, 0, null, null, count, null, null, null, null, null, false);
    }

    public static FaultSpec hangAfterCommit(Duration delay, int count) {
        return new FaultSpec(Type.HANG_AFTER_COMMIT, 0, 0, null, delay, count, null, null, null, null, null, false);
    }

    public static FaultSpec garble(Garble garble, int count) {
        return new FaultSpec(Type.GARBLE, 0, 0, null, null, count, null, null, null, null, garble, false);
    }

    public static FaultSpec dropConnection(int count) {
        return new FaultSpec(Type.DROP_CONNECTION, 0, 0, null, null, count, null, null, null, null, null, false);
    }

    /** Restricts the fault to one method and/or a path prefix; null leaves that side open. */
    public FaultSpec onlyFor(String method, String pathPrefix) {
        return new FaultSpec(type, status, rate, duration, delay, count, retryAfterSeconds, method, pathPrefix, seed,
                garble, retryAfterAsDate);
    }

    public FaultSpec withRetryAfter(int seconds) {
        return new FaultSpec(type, status, rate, duration, delay, count, seconds, method, pathPrefix, seed, garble,
                retryAfterAsDate);
    }

    /** Sends {@code Retry-After} as an HTTP-date (RFC 9110 allows either form). */
    public FaultSpec withRetryAfterAsDate() {
        return new FaultSpec(type, status, rate, duration, delay, count, retryAfterSeconds, method, pathPrefix, seed,
                garble, true);
    }

    public FaultSpec withSeed(long seed) {
        return new FaultSpec(type, status, rate, duration, delay, count, retryAfterSeconds, method, pathPrefix, seed,
                garble, retryAfterAsDate);
    }

    static FaultSpec fromJson(JsonNode json) {
        String type = json.path("type").asText("");
        try {
            return new FaultSpec(Type.valueOf(type.toUpperCase(Locale.ROOT)),
                    json.path("status").asInt(0),
                    json.path("rate").asDouble(0),
                    millis(json, "duration_ms"),
                    millis(json, "delay_ms"),
                    json.hasNonNull("count") ? json.get("count").asInt() : null,
                    json.hasNonNull("retry_after") ? json.get("retry_after").asInt() : null,
                    json.hasNonNull("method") ? json.get("method").asText() : null,
                    json.hasNonNull("path_prefix") ? json.get("path_prefix").asText() : null,
                    json.hasNonNull("seed") ? json.get("seed").asLong() : null,
                    json.hasNonNull("garble") ? Garble.valueOf(json.get("garble").asText().toUpperCase(Locale.ROOT)) : null,
                    json.path("retry_after_as_date").asBoolean(false));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(type.isEmpty() || e.getMessage().startsWith("No enum")
                    ? "type must be one of error_rate, status_window, latency, fail_next, hang_after_commit, garble,"
                            + " drop_connection"
                    : e.getMessage(), e);
        }
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("type", type.name().toLowerCase(Locale.ROOT));
        if (status != 0) {
            json.put("status", status);
        }
        if (type == Type.ERROR_RATE) {
            json.put("rate", rate);
        }
        if (duration != null) {
            json.put("duration_ms", duration.toMillis());
        }
        if (delay != null) {
            json.put("delay_ms", delay.toMillis());
        }
        if (count != null) {
            json.put("count", count);
        }
        if (retryAfterSeconds != null) {
            json.put("retry_after", retryAfterSeconds);
        }
        if (method != null) {
            json.put("method", method);
        }
        if (pathPrefix != null) {
            json.put("path_prefix", pathPrefix);
        }
        if (seed != null) {
            json.put("seed", seed);
        }
        if (garble != null) {
            json.put("garble", garble.name().toLowerCase(Locale.ROOT));
        }
        if (retryAfterAsDate) {
            json.put("retry_after_as_date", true);
        }
        return json;
    }

    private static Duration millis(JsonNode json, String field) {
        return json.hasNonNull(field) ? Duration.ofMillis(json.get(field).asLong()) : null;
    }

    private static boolean isStatus(int status) {
        return status >= 100 && status <= 599;
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
