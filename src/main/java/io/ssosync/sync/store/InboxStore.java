package io.ssosync.sync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

import jakarta.enterprise.context.ApplicationScoped;

/** The dedup record of every accepted event, identified by its source and id as CloudEvents defines. */
@ApplicationScoped
public class InboxStore {

    /** Where an event came from, for the operator: a Kafka position, or the id of the webhook that carried it. */
    public record Origin(String topic, Integer partition, Long offset, String webhookId) {
        public static final Origin NONE = new Origin(null, null, null, null);

        public Origin(String topic, Integer partition, Long offset) {
            this(topic, partition, offset, null);
        }

        public static Origin webhook(String webhookId) {
            return new Origin(null, null, null, webhookId);
        }
    }

    /** What the inbox already knew of an event. */
    public enum Delivery {
        /** Never seen: to be applied. */
        FIRST,
        /** Seen with the same content: a redelivery that must change nothing. */
        REDELIVERY,
        /** Seen with other content under the same source and id: counted on the first one's row, never applied. */
        CONFLICT
    }

    /** An event's identity and what the inbox keeps of it. */
    public record Entry(String eventId, String source, String type, String subject, String tenantId,
            String contentDigest, Origin origin) {
    }

    /** The outcome of an event whose transaction has not yet recorded what it became. */
    static final String RECEIVED = "RECEIVED";

    public Delivery record(Connection c, Entry entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into inbox_event (event_id, source, event_type,"
                + " subject, tenant_id, content_digest, outcome, kafka_topic, kafka_partition, kafka_offset, webhook_id)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (event_id, source) do nothing")) {
            ps.setString(1, entry.eventId());
            ps.setString(2, entry.source());
            ps.setString(3, entry.type());
            ps.setString(4, entry.subject());
            ps.setString(5, entry.tenantId());
            ps.setString(6, entry.contentDigest());
            ps.setString(7, RECEIVED);
            ps.setString(8, entry.origin().topic());
            setNullable(ps, 9, entry.origin().partition() == null ? null : entry.origin().partition().longValue(),
                    Types.INTEGER);
            setNullable(ps, 10, entry.origin().offset(), Types.BIGINT);
            ps.setString(11, entry.origin().webhookId());
            if (ps.executeUpdate() == 1) {
                return Delivery.FIRST;
            }
        }
        // Rows from before digests were kept cannot be compared: taken as redeliveries, as they were then.
        try (PreparedStatement ps = c.prepareStatement("update inbox_event set conflicts = conflicts + 1,"
                + " last_conflict_at = now(), last_conflict_digest = ? where event_id = ? and source = ?"
                + " and content_digest is not null and content_digest <> ?")) {
            ps.setString(1, entry.contentDigest());
            ps.setString(2, entry.eventId());
            ps.setString(3, entry.source());
            ps.setString(4, entry.contentDigest());
            return ps.executeUpdate() == 1 ? Delivery.CONFLICT : Delivery.REDELIVERY;
        }
    }

    public void recordOutcome(Connection c, String eventId, String source, String outcome, String detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update inbox_event set outcome = ?, detail = ?"
                + " where event_id = ? and source = ?")) {
            ps.setString(1, outcome);
            ps.setString(2, detail);
            ps.setString(3, eventId);
            ps.setString(4, source);
            ps.executeUpdate();
        }
    }

    private static void setNullable(PreparedStatement ps, int index, Long value, int type) throws SQLException {
        if (value == null) {
            ps.setNull(index, type);
        } else if (type == Types.INTEGER) {
            ps.setInt(index, value.intValue());
        } else {
            ps.setLong(index, value);
        }
    }
}
