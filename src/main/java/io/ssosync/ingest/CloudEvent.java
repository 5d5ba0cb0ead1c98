package io.ssosync.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 envelope, whichever binding it arrived in; {@code traceparent} is the distributed-tracing
 * extension's attribute, null where the envelope has none (or one that is not text).
 */
public record CloudEvent(String id, String source, String type, String subject, String time, String traceparent,
        JsonNode data) {

    /** The attributes alone, for an event whose data has been read: events read ahead of their turn hold no tree. */
    public CloudEvent withoutData() {
        return new CloudEvent(id, source, type, subject, time, traceparent, null);
    }
}
