package io.ssosync.ingest;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.store.InboxStore;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps events that broke the contract, with their raw bytes, for an operator to inspect and replay. */
@ApplicationScoped
public class RejectedEventStore {

    private final Transactions transactions;
    private final ObjectMapper json;

    public RejectedEventStore(Transactions transactions, ObjectMapper json) {
        this.transactions = transactions;
        this.json = json;
    }

    /** Stores the rejection once per Kafka position, so that a redelivery adds no second row. */
    public void save(String eventId, String eventType, String reason, byte[] rawValue, Map<String, String> headers,
            InboxStore.Origin origin) {
        transactions.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into rejected_event (event_id, event_type, reason,"
                    + " raw_value, raw_headers, kafka_topic, kafka_partition, kafka_offset)"
                    + " values (?, ?, ?, ?, ?::jsonb, ?, ?, ?) on conflict do nothing")) {
                ps.setString(1, eventId);
                ps.setString(2, eventType);
                ps.setString(3, reason);
                ps.setBytes(4, rawValue);
                ps.setString(5, write(headers));
                ps.setString(6, origin.topic());
                ps.setObject(7, origin.partition(), Types.INTEGER);
                ps.setObject(8, origin.offset(), Types.BIGINT);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private String write(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
