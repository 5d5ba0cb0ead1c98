package io.ssosync.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The outbox of status events ({@code status_event}). Every method runs on the caller's transaction: a status
 * event is written in the transaction that changes the state it announces, so it exists exactly when that
 * state committed.
 */
@ApplicationScoped
public class StatusEventStore {

    public static final String SOURCE = "/sso-sync";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** Any fixed pair of ints, apart from those of EventLocks and AuditChain: one relay at a time. */
    private static final int LOCK_CLASS = 7200;
    private static final int LOCK_ID = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A row not yet published: its CloudEvent, under the tenant as Kafka key. */
    public record Pending(long id, String eventId, String tenantId, String body) {
    }

    /**
     * Adds the structured CloudEvent announcing {@code change}. Call it after the write to the connection's row:
     * that row's lock, held to commit, orders the ids of one connection's events as their transactions commit.
     */
    public void append(Connection c, StatusChange change) throws SQLException {
        appendAll(c, List.of(change));
    }

    /** Adds the events announcing {@code changes}, in their order, in one statement; as {@link #append}. */
    public void appendAll(Connection c, List<StatusChange> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(changes.size());
        List<String> bodies = new ArrayList<>(changes.size());
        for (StatusChange change : changes) {
            String eventId = UUID.randomUUID().toString();
            ids.add(eventId);
            bodies.add(cloudEvent(eventId, change));
        }
        // In list order, so that one connection's events keep the order of their ids.
        try (PreparedStatement ps = c.prepareStatement("insert into status_event (event_id, tenant_id,"
                + " connection_key, type, body) select i, t, k, ty, b from unnest(?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[]) with ordinality as e(i, t, k, ty, b, n) order by n")) {
            ps.setObject(1, ids.toArray(String[]::new));
            ps.setObject(2, changes.stream().map(StatusChange::tenantId).toArray(String[]::new));
            ps.setObject(3, changes.stream().map(StatusChange::connectionKey).toArray(String[]::new));
            ps.setObject(4, changes.stream().map(StatusChange::type).toArray(String[]::new));
            ps.setObject(5, bodies.toArray(String[]::new));
            ps.executeUpdate();
        }
    }

    /** Takes the relay's turn for this transaction; false when another replica's relay holds it. */
    public boolean tryLockRelay(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, LOCK_ID);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The oldest unpublished events, in the order they were written. */
    public List<Pending> unpublished(Connection c, int limit) throws SQLException {
        List<Pending> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, event_id, tenant_id, body from status_event"
                + " where published_at is null order by id limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return rows;
    }

    public void markPublished(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update status_event set published_at = now()"
                + " where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /** Deletes up to {@code limit} events published before {@code before}; answers how many. */
    public int prunePublished(Connection c, Instant before, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from status_event where id in (select id"
                + " from status_event where published_at < ? order by published_at limit ?)")) {
            ps.setObject(1, java.sql.Timestamp.from(before));
            ps.setInt(2, limit);
            return ps.executeUpdate();
        }
    }

    private static String cloudEvent(String eventId, StatusChange change) {
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", eventId);
        event.put("source", SOURCE);
        event.put("type", change.type());
        event.put("subject", change.connectionKey());
        event.put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        event.put("datacontenttype", "application/json");
        ObjectNode data = event.putObject("data");
        data.put("tenantId", change.tenantId());
        data.put("connectionKey", change.connectionKey());
        data.put("version", change.version());
        data.put("clerkConnectionId", change.clerkConnectionId());
        data.put("status", change.status().name());
        data.put("reason", change.reason());
        if (change.clerk() == null) {
            data.putNull("clerk");
        } else {
            ObjectNode clerk = data.putObject("clerk");
            clerk.put("acsUrl", change.clerk().acsUrl());
            clerk.put("spEntityId", change.clerk().spEntityId());
            clerk.put("spMetadataUrl", change.clerk().spMetadataUrl());
        }
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a status event could not be written as JSON", e);
        }
    }
}
