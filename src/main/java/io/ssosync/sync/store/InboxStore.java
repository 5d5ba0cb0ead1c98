package io.ssosync.sync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

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

    /**
     * An event's identity and what the inbox keeps of it. {@code earlierDigest} gives its digest in the form earlier
     * versions stored, asked only of a delivery whose stored digest differs from {@code contentDigest}.
     */
    public record Entry(String eventId, String source, String type, String subject, String tenantId,
            String contentDigest, Supplier<String> earlierDigest, Origin origin) {
    }

    /** The outcome of an event whose transaction has not yet recorded what it became. */
    static final String RECEIVED = "RECEIVED";

    /** What became of an event, for its inbox row. */
    public record Outcome(String eventId, String source, String outcome, String detail) {
    }

    /**
     * Records the events of one batch, in their order, and tells each one's delivery: new events in one
     * statement; an event already known (before the batch, or earlier in it) is a redelivery, or a conflict
     * counted on the first one's row.
     */
    public List<Delivery> recordAll(Connection c, List<Entry> entries) throws SQLException {
        Map<String, Integer> first = new HashMap<>();
        List<Entry> fresh = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (first.putIfAbsent(identity(entries.get(i)), i) == null) {
                fresh.add(entries.get(i));
            }
        }
        Set<String> inserted = insertNew(c, fresh);
        List<Delivery> deliveries = new ArrayList<>(entries.size());
        List<Entry> seen = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            boolean firstSight = first.get(identity(entry)) == i && inserted.contains(identity(entry));
            deliveries.add(firstSight ? Delivery.FIRST : null);
            if (!firstSight) {
                seen.add(entry);
            }
        }
        int[] conflicts = countConflicts(c, seen);
        for (int i = 0, s = 0; i < deliveries.size(); i++) {
            if (deliveries.get(i) == null) {
                deliveries.set(i, conflicts[s++] == 1 ? Delivery.CONFLICT : Delivery.REDELIVERY);
            }
        }
        return deliveries;
    }

    /** @return the identities of the rows inserted: the events never seen before */
    private static Set<String> insertNew(Connection c, List<Entry> entries) throws SQLException {
        Set<String> inserted = new HashSet<>();
        if (entries.isEmpty()) {
            return inserted;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into inbox_event (event_id, source, event_type,"
                + " subject, tenant_id, content_digest, outcome, kafka_topic, kafka_partition, kafka_offset, webhook_id)"
                + " select id, src, typ, sub, ten, dig, ?, top, par, off, hook from unnest(?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::bigint[], ?::text[])"
                + " as e(id, src, typ, sub, ten, dig, top, par, off, hook)"
                + " on conflict (event_id, source) do nothing returning event_id, source")) {
            ps.setString(1, RECEIVED);
            ps.setObject(2, texts(entries, Entry::eventId));
            ps.setObject(3, texts(entries, Entry::source));
            ps.setObject(4, texts(entries, Entry::type));
            ps.setObject(5, texts(entries, Entry::subject));
            ps.setObject(6, texts(entries, Entry::tenantId));
            ps.setObject(7, texts(entries, Entry::contentDigest));
            ps.setObject(8, texts(entries, e -> e.origin().topic()));
            ps.setArray(9, c.createArrayOf("integer", entries.stream().map(e -> e.origin().partition()).toArray()));
            ps.setArray(10, c.createArrayOf("bigint", entries.stream().map(e -> e.origin().offset()).toArray()));
            ps.setObject(11, texts(entries, e -> e.origin().webhookId()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(identity(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return inserted;
    }

    /**
     * Counts each known event delivered with other content on its first row. Rows from before digests were kept
     * cannot be compared: taken as redeliveries, as they were then. A row an earlier version stored holds the digest
     * in that version's form, which the entry gives too.
     *
     * @return 1 where the delivery conflicts, 0 where it is a redelivery, in order
     */
    private static int[] countConflicts(Connection c, List<Entry> entries) throws SQLException {
        int[] conflicts = new int[entries.size()];
        if (entries.isEmpty()) {
            return conflicts;
        }
        Map<String, String> stored = storedDigests(c, entries);
        try (PreparedStatement ps = c.prepareStatement("update inbox_event set conflicts = conflicts + 1,"
                + " last_conflict_at = now(), last_conflict_digest = ? where event_id = ? and source = ?")) {
            for (int i = 0; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                String was = stored.get(identity(entry));
                if (was != null && !was.equals(entry.contentDigest()) && !was.equals(entry.earlierDigest().get())) {
                    conflicts[i] = 1;
                    ps.setString(1, entry.contentDigest());
                    ps.setString(2, entry.eventId());
                    ps.setString(3, entry.source());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        return conflicts;
    }

    /** @return each entry's stored digest by its identity, where a row holds one */
    private static Map<String, String> storedDigests(Connection c, List<Entry> entries) throws SQLException {
        Map<String, String> digests = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select i.event_id, i.source, i.content_digest"
                + " from inbox_event i join unnest(?::text[], ?::text[]) as e(id, src)"
                + " on i.event_id = e.id and i.source = e.src where i.content_digest is not null")) {
            ps.setObject(1, texts(entries, Entry::eventId));
            ps.setObject(2, texts(entries, Entry::source));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    digests.put(identity(rs.getString(1), rs.getString(2)), rs.getString(3));
                }
            }
        }
        return digests;
    }

    public void recordOutcomes(Connection c, List<Outcome> outcomes) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update inbox_event i set outcome = o.outcome, detail = o.detail"
                + " from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as o(id, src, outcome, detail)"
                + " where i.event_id = o.id and i.source = o.src")) {
            ps.setObject(1, outcomes.stream().map(Outcome::eventId).toArray(String[]::new));
            ps.setObject(2, outcomes.stream().map(Outcome::source).toArray(String[]::new));
            ps.setObject(3, outcomes.stream().map(Outcome::outcome).toArray(String[]::new));
            ps.setObject(4, outcomes.stream().map(Outcome::detail).toArray(String[]::new));
            ps.executeUpdate();
        }
    }

    private static String[] texts(List<Entry> entries, Function<Entry, String> field) {
        return entries.stream().map(field).toArray(String[]::new);
    }

    private static String identity(Entry entry) {
        return identity(entry.eventId(), entry.source());
    }

    // A NUL cannot occur in either part (the parser refuses it), so the pair joined by one is unambiguous.
    private static String identity(String eventId, String source) {
        return eventId + '\u0000' + source;
    }
}
