package io.ssosync.ingest;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.sql.Types;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.support.jdbc.Rows;
import io.ssosync.sync.store.InboxStore;
import io.ssosync.crypto.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps events that broke the contract, with their raw bytes, for an operator to inspect and replay; works on the
 * caller's connection and transaction.
 */
@ApplicationScoped
public class RejectedEventStore {

    private static final String COLUMNS = "id, event_id, event_type, reason, raw_value, raw_headers::text as"
            + " raw_headers, kafka_topic, kafka_partition, kafka_offset, rejected_at, replayed_at, replay_outcome,"
            + " dead_letter_status, dead_letter_error, dead_letter_at, received_via, webhook_id, sealed_with";
    static final String RAW_VALUE = "rejected_event.raw_value";
    static final String RAW_HEADERS = "rejected_event.raw_headers";

    private final ObjectMapper json;
    private final SecretBox box;

    public RejectedEventStore(ObjectMapper json, SecretBox box) {
        this.json = json;
        this.box = box;
    }

    /**
     * Stores the rejection once per Kafka position or webhook id, so that a redelivery adds no second row. A
     * webhook's rejection is not copied to the dead-letter topic: its sender got the reason in the answer.
     */
    public void save(Connection c, String eventId, String eventType, String reason, byte[] rawValue,
            Map<String, String> headers, InboxStore.Origin origin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into rejected_event (event_id, event_type, reason,"
                + " raw_value, raw_headers, kafka_topic, kafka_partition, kafka_offset, dead_letter_status,"
                + " received_via, webhook_id, sealed_with) values (?, ?, ?, ?, to_jsonb(?::text), ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict do nothing")) {
            boolean webhook = origin.webhookId() != null;
            ps.setString(1, storable(eventId));
            ps.setString(2, storable(eventType));
            ps.setString(3, storable(reason));
            // The raw record may hold any secret of the contract: both parts are kept sealed.
            ps.setBytes(4, rawValue == null ? null
                    : box.sealBytes(rawValue, RAW_VALUE).getBytes(StandardCharsets.US_ASCII));
            ps.setString(5, box.seal(write(storable(headers)), RAW_HEADERS));
            ps.setString(6, origin.topic());
            ps.setObject(7, origin.partition(), Types.INTEGER);
            ps.setObject(8, origin.offset(), Types.BIGINT);
            ps.setString(9, webhook ? null : RejectedEvent.DeadLetter.PENDING.name());
            ps.setString(10, webhook ? RejectedEvent.VIA_WEBHOOK : RejectedEvent.VIA_KAFKA);
            ps.setString(11, storable(origin.webhookId()));
            ps.setString(12, box.currentKeyId());
            ps.executeUpdate();
        }
    }

    public List<RejectedEvent> list(Connection c, int limit) throws SQLException {
        List<RejectedEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from rejected_event order by id desc limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(map(rs));
                }
            }
        }
        return events;
    }

    public Optional<RejectedEvent> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from rejected_event where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public void markReplayed(Connection c, long id, String outcome) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update rejected_event set replayed_at = now(),"
                + " replay_outcome = ? where id = ?")) {
            ps.setString(1, outcome);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** Records what became of the rejection's copy to the dead-letter topic. */
    public void markDeadLetter(Connection c, InboxStore.Origin origin, RejectedEvent.DeadLetter status, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update rejected_event set dead_letter_status = ?,"
                + " dead_letter_error = ?, dead_letter_at = now() where kafka_topic = ? and kafka_partition = ?"
                + " and kafka_offset = ?")) {
            ps.setString(1, status.name());
            ps.setString(2, storable(error));
            ps.setString(3, origin.topic());
            ps.setObject(4, origin.partition(), Types.INTEGER);
            ps.setObject(5, origin.offset(), Types.BIGINT);
            ps.executeUpdate();
        }
    }

    private RejectedEvent map(ResultSet rs) throws SQLException {
        return new RejectedEvent(rs.getLong("id"), rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("reason"), rawValue(rs), readHeaders(rs),
                rs.getString("kafka_topic"), Rows.nullableInt(rs, "kafka_partition"),
                Rows.nullableLong(rs, "kafka_offset"), Rows.instant(rs, "rejected_at"),
                Rows.instant(rs, "replayed_at"), rs.getString("replay_outcome"),
                rs.getString("dead_letter_status") == null ? null
                        : RejectedEvent.DeadLetter.valueOf(rs.getString("dead_letter_status")),
                rs.getString("dead_letter_error"), Rows.instant(rs, "dead_letter_at"), rs.getString("received_via"),
                rs.getString("webhook_id"));
    }

    /** Where a reseal batch ended (-1 after the last one) and how many rejections it sealed again. */
    public record ResealBatch(long lastId, int resealed) {
    }

    /**
     * Seals again under the current key the raw records of up to {@code limit} rejections after {@code afterId}
     * that are in clear or under another key, on the caller's connection.
     */
    public ResealBatch reseal(Connection c, long afterId, int limit) throws SQLException {
        long last = -1;
        int rows = 0;
        int resealed = 0;
        try (PreparedStatement select = c.prepareStatement("select id, raw_value, raw_headers::text as raw_headers,"
                + " sealed_with from rejected_event where id > ? order by id limit ? for update skip locked");
                PreparedStatement update = c.prepareStatement("update rejected_event set raw_value = ?,"
                        + " raw_headers = to_jsonb(?::text), sealed_with = ? where id = ?")) {
            select.setLong(1, afterId);
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    last = rs.getLong("id");
                    if (!box.currentKeyId().equals(rs.getString("sealed_with"))) {
                        byte[] raw = rawValue(rs);
                        update.setBytes(1, raw == null ? null
                                : box.sealBytes(raw, RAW_VALUE).getBytes(StandardCharsets.US_ASCII));
                        update.setString(2, box.seal(write(readHeaders(rs)), RAW_HEADERS));
                        update.setString(3, box.currentKeyId());
                        update.setLong(4, last);
                        update.addBatch();
                        resealed++;
                    }
                }
            }
            update.executeBatch();
        }
        return new ResealBatch(rows < limit ? -1 : last, resealed);
    }

    /** Rejections per key their raw record is sealed under ({@link SecretBox#CLEAR} for those kept in clear). */
    public Map<String, Long> countByKey(Connection c) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select coalesce(sealed_with, ?), count(*) from"
                + " rejected_event group by 1")) {
            ps.setString(1, SecretBox.CLEAR);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /** Rows written before encryption (no sealed_with) hold the raw record in clear. */
    private byte[] rawValue(ResultSet rs) throws SQLException {
        byte[] stored = rs.getBytes("raw_value");
        if (stored == null || rs.getString("sealed_with") == null) {
            return stored;
        }
        return box.openBytes(new String(stored, StandardCharsets.US_ASCII), RAW_VALUE);
    }

    private Map<String, String> readHeaders(ResultSet rs) throws SQLException {
        String text = rs.getString("raw_headers");
        try {
            if (text != null && rs.getString("sealed_with") != null) {
                text = box.open(json.readValue(text, String.class), RAW_HEADERS);
            }
            return text == null ? Map.of() : json.readValue(text, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * PostgreSQL text and jsonb cannot hold U+0000, which a broken record may well carry (in a header, or in a
     * value the reason quotes); stored as U+FFFD, the rejection can still be kept (the raw bytes stay exact)
     * instead of failing its insert forever and blocking the records behind it.
     */
    private static String storable(String text) {
        return text == null ? null : text.replace('\u0000', '\uFFFD');
    }

    private static Map<String, String> storable(Map<String, String> headers) {
        Map<String, String> copy = new LinkedHashMap<>();
        headers.forEach((name, value) -> copy.put(storable(name), storable(value)));
        return copy;
    }

    private String write(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
