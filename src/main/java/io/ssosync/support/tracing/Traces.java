package io.ssosync.support.tracing;

import java.util.Map;

/**
 * The service's view of distributed tracing, so that the dispatch core and the stores stay plain Java; the
 * OpenTelemetry adapter is io.ssosync.tracing.OpenTelemetryTraces. A trace context travels as a W3C
 * {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}), which is also how it is kept with an outbox command.
 */
public interface Traces {

    /** The kind of work a span stands for. */
    enum Kind {
        /** A record or delivery taken in from the registry. */
        CONSUMER,
        /** Work of our own, such as taking a command to Clerk. */
        INTERNAL
    }

    /** A span, current on this thread until closed. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Starts a span and makes it current. Its parent is {@code traceparent} where that is a valid W3C value (the
     * span already current on the thread stands in for it when it belongs to the same trace), else the current span.
     */
    Scope start(Kind kind, String name, String traceparent, Map<String, Object> attributes);

    /** The current span's context as a {@code traceparent}, or null outside any trace. */
    String currentTraceparent();

    /** The current span's trace id (32 hex digits), or null outside any trace. */
    String currentTraceId();

    /** No tracing at all: for the plain-Java tests of the dispatch core and the stores. */
    static Traces none() {
        return NoTraces.INSTANCE;
    }
}
