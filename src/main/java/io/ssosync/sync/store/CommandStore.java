package io.ssosync.sync.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.ssosync.support.jdbc.Rows;
import io.ssosync.sync.domain.CommandStatus;
import io.ssosync.sync.domain.ConnectionField;
import io.ssosync.sync.domain.Operation;
import io.ssosync.sync.domain.PlannedCommand;
import jakarta.enterprise.context.ApplicationScoped;

/** The transactional outbox. Every method runs on the caller's transaction. */
@ApplicationScoped
public class CommandStore {

    /** Postgres NOTIFY channel that wakes every dispatcher when a command is written. */
    public static final String WAKE_UP_CHANNEL = "sso_sync_commands";

    private static final String RETURNED = "id, connection_key, tenant_id, version, operation,"
            + " target_spec::text as target_spec, changed_fields, source_event_id, attempts, create_sent,"
            + " retrying_since";

    private final SpecJson specs;

    public CommandStore(SpecJson specs) {
        this.specs = specs;
    }

    public void insert(Connection c, String tenantId, String connectionKey, PlannedCommand command,
            String sourceEventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into sync_command (connection_key, tenant_id, version,"
                + " operation, target_spec, changed_fields, source_event_id, status)"
                + " values (?, ?, ?, ?, ?::jsonb, ?, ?, 'PENDING')")) {
            ps.setString(1, connectionKey);
            ps.setString(2, tenantId);
            ps.setLong(3, command.version());
            ps.setString(4, command.operation().name());
            ps.setString(5, specs.write(command.target()));
            ps.setArray(6, c.createArrayOf("text",
                    command.changedFields().stream().map(Enum::name).sorted().toArray()));
            ps.setString(7, sourceEventId);
            ps.executeUpdate();
        }
    }

    /** Wakes the dispatchers of every replica once this transaction commits. */
    public void notifyDispatchers(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_notify('" + WAKE_UP_CHANNEL + "', '')")) {
            ps.execute();
        }
    }

    /**
     * Claims up to {@code limit} due commands that are each the oldest open command of their connection,
     * so that one connection's commands go out strictly in order; a DEAD command holds its connection
     * back too. A command whose lease ran out (its dispatcher died mid-call) is due again. SKIP LOCKED
     * keeps replicas from claiming the same row. Pending commands queued behind a claimed one are folded
     * into it: Clerk is brought straight to the newest desired version (except behind a create in doubt).
     */
    public List<SyncCommand> claim(Connection c, String owner, Duration lease, int limit) throws SQLException {
        List<Long> heads = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select c.id from sync_command c"
                + " where ((c.status = 'PENDING' and c.next_attempt_at <= now())"
                + "     or (c.status = 'IN_FLIGHT' and c.lease_until < now()))"
                + "   and not exists (select 1 from sync_command e where e.connection_key = c.connection_key"
                + "     and e.id < c.id and e.status in ('PENDING', 'IN_FLIGHT', 'DEAD'))"
                // Longest-waiting first: a connection that keeps failing cannot crowd out the others.
                + " order by c.next_attempt_at, c.id limit ? for update skip locked")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    heads.add(rs.getLong(1));
                }
            }
        }
        List<SyncCommand> claimed = new ArrayList<>();
        for (long head : heads) {
            claimed.add(lease(c, coalesce(c, head), owner, lease));
        }
        return claimed;
    }

    /**
     * Folds the pending commands behind {@code head} into the newest of them, unless {@code head} is a create
     * that may have reached Clerk; returns the one to run.
     */
    private long coalesce(Connection c, long head) throws SQLException {
        if (createSent(c, head)) {
            // A create whose answer was lost is settled first, on its own: the lookup must search for what
            // this command sent. Folded into a later command, it would search for that command's target
            // (another name or other domains, or nothing at all for a delete), miss the connection Clerk
            // made, and leave it there beside a second one.
            return head;
        }
        List<Long> queued = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id from sync_command where connection_key ="
                + " (select connection_key from sync_command where id = ?) and id > ? and status = 'PENDING'"
                + " order by id for update")) {
            ps.setLong(1, head);
            ps.setLong(2, head);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    queued.add(rs.getLong(1));
                }
            }
        }
        if (queued.isEmpty()) {
            return head;
        }
        long newest = queued.get(queued.size() - 1);
        try (PreparedStatement ps = c.prepareStatement("update sync_command set status = 'SUPERSEDED',"
                + " superseded_by = ?, lease_owner = null, lease_until = null, updated_at = now()"
                + " where connection_key = (select connection_key from sync_command where id = ?)"
                + " and id >= ? and id < ? and status in ('PENDING', 'IN_FLIGHT')")) {
            ps.setLong(1, newest);
            ps.setLong(2, head);
            ps.setLong(3, head);
            ps.setLong(4, newest);
            ps.executeUpdate();
        }
        return newest;
    }

    private static boolean createSent(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select create_sent from sync_command where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private SyncCommand lease(Connection c, long id, String owner, Duration lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update sync_command set status = 'IN_FLIGHT',"
                + " lease_owner = ?, lease_until = now() + ? * interval '1 millisecond', attempts = attempts + 1,"
                + " updated_at = now() where id = ? returning " + RETURNED)) {
            ps.setString(1, owner);
            ps.setLong(2, lease.toMillis());
            ps.setLong(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        }
    }

    /** Puts a connection's parked commands back in line, with a fresh retry window. */
    public int replayDead(Connection c, String connectionKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update sync_command set status = 'PENDING',"
                + " next_attempt_at = now(), retrying_since = now(), updated_at = now()"
                + " where connection_key = ? and status = 'DEAD'")) {
            ps.setString(1, connectionKey);
            return ps.executeUpdate();
        }
    }

    /** Parks a command that kept failing past its maximum age; it waits for an operator's replay. */
    public void park(Connection c, long commandId, String lastError) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update sync_command set status = 'DEAD', last_error = ?,"
                + " lease_owner = null, lease_until = null, updated_at = now() where id = ?")) {
            ps.setString(1, lastError);
            ps.setLong(2, commandId);
            ps.executeUpdate();
        }
    }

    /** How many commands wait to be sent; the consumer pauses when this grows past its bound. */
    public long openCount(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from sync_command"
                + " where status in ('PENDING', 'IN_FLIGHT')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Remembers, before the POST goes out, that a create may reach Clerk: Clerk has no idempotency key,
     * so a later attempt must look the connection up before creating it again.
     */
    public void markCreateSent(Connection c, long commandId) throws SQLException {
        update(c, "update sync_command set create_sent = true, updated_at = now() where id = ?", commandId);
    }

    public void complete(Connection c, long commandId, CommandStatus status, String lastError) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update sync_command set status = ?, last_error = ?,"
                + " lease_owner = null, lease_until = null, updated_at = now() where id = ?")) {
            ps.setString(1, status.name());
            ps.setString(2, lastError);
            ps.setLong(3, commandId);
            ps.executeUpdate();
        }
    }

    public void retryLater(Connection c, long commandId, Duration delay, String lastError) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update sync_command set status = 'PENDING', last_error = ?,"
                + " next_attempt_at = now() + ? * interval '1 millisecond', lease_owner = null, lease_until = null,"
                + " updated_at = now() where id = ?")) {
            ps.setString(1, lastError);
            ps.setLong(2, delay.toMillis());
            ps.setLong(3, commandId);
            ps.executeUpdate();
        }
    }

    /** Whether Clerk still has to hear of something: a command waiting, running or parked. */
    public boolean hasOpenCommands(Connection c, String connectionKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from sync_command where connection_key = ?"
                + " and status in ('PENDING', 'IN_FLIGHT', 'DEAD') limit 1")) {
            ps.setString(1, connectionKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** How long until the next command falls due, for the dispatcher's idle wait; null if none waits. */
    public Duration untilNextDue(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select extract(epoch from (min(case when status = 'PENDING'"
                + " then next_attempt_at else lease_until end) - now())) * 1000 from sync_command"
                + " where status in ('PENDING', 'IN_FLIGHT')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            double millis = rs.getDouble(1);
            return rs.wasNull() ? null : Duration.ofMillis(Math.max(0, (long) millis));
        }
    }

    private static void update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private SyncCommand map(ResultSet rs) throws SQLException {
        Array fields = rs.getArray("changed_fields");
        Set<ConnectionField> changed = EnumSet.noneOf(ConnectionField.class);
        for (Object name : (Object[]) fields.getArray()) {
            changed.add(ConnectionField.valueOf((String) name));
        }
        return new SyncCommand(
                rs.getLong("id"),
                rs.getString("connection_key"),
                rs.getString("tenant_id"),
                rs.getLong("version"),
                Operation.valueOf(rs.getString("operation")),
                specs.read(rs.getString("target_spec")),
                changed,
                rs.getString("source_event_id"),
                rs.getInt("attempts"),
                rs.getBoolean("create_sent"),
                Rows.instant(rs, "retrying_since"));
    }
}
