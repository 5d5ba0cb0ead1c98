package io.ssosync.sync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

import jakarta.enterprise.context.ApplicationScoped;

/** The dedup record of every accepted event id. */
@ApplicationScoped
public class InboxStore {

    /** Where an event came from, for the operator. */
    public record Origin(String topic, Integer partition, Long offset) {
        public static final Origin NONE = new Origin(null, null, null);
    }

    /** @return false if the event id was recorded before: a redelivery that must change nothing */
    public boolean recordFirstDelivery(Connection c, String eventId, String type, String source, String subject,
            String tenantId, Origin origin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into inbox_event (event_id, event_type, source,"
                + " subject, tenant_id, outcome, kafka_topic, kafka_partition, kafka_offset)"
                + " values (?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?) on conflict (event_id) do nothing")) {
            ps.setString(1, eventId);
            ps.setString(2, type);
            ps.setString(3, source);
            ps.setString(4, subject);
            ps.setString(5, tenantId);
            ps.setString(6, origin.topic());
            setNullable(ps, 7, origin.partition() == null ? null : origin.partition().longValue(), Types.INTEGER);
            setNullable(ps, 8, origin.offset(), Types.BIGINT);
            return ps.executeUpdate() == 1;
        }
    }

    public void recordOutcome(Connection c, String eventId, String outcome, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update inbox_event set outcome = ?, detail = ?"
                + " where event_id = ?")) {
            ps.setString(1, outcome);
            ps.setString(2, detail);
            ps.setString(3, eventId);
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
