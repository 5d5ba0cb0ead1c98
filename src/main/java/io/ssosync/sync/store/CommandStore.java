package io.ssosync.sync.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.ssosync.support.jdbc.Rows;
import io.ssosync.support.tracing.Traces;
import io.ssosync.sync.domain.CommandQueue;
import io.ssosync.sync.domain.CommandStatus;
import io.ssosync.sync.domain.ConnectionField;
import io.ssosync.sync.domain.Operation;
import io.ssosync.sync.domain.PlannedCommand;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The transactional outbox. Every method runs on the caller's transaction. Writes on behalf of a
 * claim are made only after {@link #fence} confirmed, under the row's lock, that the claim still holds.
 */
@ApplicationScoped
public class CommandStore {

    /** Postgres NOTIFY channel that wakes every dispatcher when a command is written. */
    public static final String WAKE_UP_CHANNEL = "sso_sync_commands";

    private static final String PENDING = literal(CommandStatus.PENDING);
    private static final String IN_FLIGHT = literal(CommandStatus.IN_FLIGHT);
    private static final String DEAD = literal(CommandStatus.DEAD);
    private static final String SUPERSEDED = literal(CommandStatus.SUPERSEDED);
    private static final String OPEN = "(" + PENDING + ", " + IN_FLIGHT + ", " + DEAD + ")";
    private static final String RETURNED = "id, connection_key, tenant_id, version, operation,"
            + " target_spec::text as target_spec, changed_fields, source_event_id, attempts, retrying_since,"
            + " claim_token, reread, traceparent";
    /** Commands whose turn it is: due, and not queued behind an older open command of their connection. */
    private static final String HEAD_OF_ITS_CONNECTION = " not exists (select 1 from sync_command e"
            + " where e.connection_key = c.connection_key and e.id < c.id and e.status in " + OPEN + ")";

    private final SpecJson specs;
    private final Traces traces;

    /** {@code traces} gives each command the trace context it was queued in, so that its dispatch continues it. */
    public CommandStore(SpecJson specs, Traces traces) {
        this.specs = specs;
        this.traces = traces;
    }

    /**
     * A command to queue: {@code source} names what asked for it (an event id, an operator action), and
     * {@code traceparent} the trace it was asked in (null: none), which its dispatch continues. A rereading
     * command reads what Clerk holds of the connection before it acts.
     */
    public record NewCommand(String tenantId, String connectionKey, PlannedCommand command, String source,
            String traceparent, boolean reread) {
    }

    /** Adds a command in the current trace; the dispatchers of every replica are woken once the transaction commits. */
    public void insert(Connection c, String tenantId, String connectionKey, PlannedCommand command,
            String sourceEventId) throws SQLException {
        insertAll(c, List.of(new NewCommand(tenantId, connectionKey, command, sourceEventId,
                traces.currentTraceparent(), false)));
    }

    /**
     * Adds a command that reads what Clerk holds of the connection before it acts (a resync or a reconcile
     * repair), queued behind the connection's open commands like any other.
     */
    public void insertRereading(Connection c, String tenantId, String connectionKey, PlannedCommand command,
            String source) throws SQLException {
        insertAll(c, List.of(new NewCommand(tenantId, connectionKey, command, source, traces.currentTraceparent(),
                true)));
    }

    /**
     * Adds the commands in one statement, their ids in list order (a connection's queue goes by id), and wakes the
     * dispatchers once.
     */
    public void insertAll(Connection c, List<NewCommand> commands) throws SQLException {
        insertAll(c, commands, specs.batch());
    }

    /** The same, with the specs written through the batch's memo, which the batch's state rows share. */
    public void insertAll(Connection c, List<NewCommand> commands, SpecJson.Batch json) throws SQLException {
        if (commands.isEmpty()) {
            return;
        }
        // Unnest takes no array of arrays of different lengths: each command's changed fields travel joined.
        try (PreparedStatement ps = c.prepareStatement("insert into sync_command (connection_key, tenant_id, version,"
                + " operation, target_spec, changed_fields, source_event_id, status, reread, traceparent)"
                + " select k, t, v, op, convert_from(s, 'UTF8')::jsonb, string_to_array(f, ','), src, ?, rr, tp"
                + " from rows from (unnest(?::text[]), unnest(?::text[]), unnest(?::bigint[]), unnest(?::text[]),"
                + " unnest(?::bytea[]), unnest(?::text[]), unnest(?::text[]), unnest(?::boolean[]),"
                + " unnest(?::text[])) with ordinality as q(k, t, v, op, s, f, src, rr, tp, n) order by n")) {
            ps.setString(1, CommandStatus.PENDING.name());
            ps.setObject(2, commands.stream().map(NewCommand::connectionKey).toArray(String[]::new));
            ps.setObject(3, commands.stream().map(NewCommand::tenantId).toArray(String[]::new));
            ps.setArray(4, c.createArrayOf("bigint", commands.stream().map(q -> q.command().version()).toArray()));
            ps.setObject(5, commands.stream().map(q -> q.command().operation().name()).toArray(String[]::new));
            ps.setObject(6, json.utf8(commands.stream().map(q -> q.command().target()).toList()));
            ps.setObject(7, commands.stream().map(q -> q.command().changedFields().stream()
                    .map(Enum::name).sorted().collect(Collectors.joining(","))).toArray(String[]::new));
            ps.setObject(8, commands.stream().map(NewCommand::source).toArray(String[]::new));
            ps.setArray(9, c.createArrayOf("boolean", commands.stream().map(NewCommand::reread).toArray()));
            ps.setObject(10, commands.stream().map(NewCommand::traceparent).toArray(String[]::new));
            ps.executeUpdate();
        }
        wakeDispatchers(c);
    }

    /**
     * Claims the longest-waiting command whose turn it is, under a lease and a fresh fencing token. A
     * command whose lease ran out (its worker died or stalled) is due again. SKIP LOCKED keeps replicas
     * from claiming the same row; {@link CommandQueue} decides what of the connection's queue runs.
     */
    public Optional<SyncCommand> claim(Connection c, String owner, Duration lease) throws SQLException {
        Optional<Long> head = dueHead(c);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        CommandQueue.Turn turn = CommandQueue.next(lockOpenCommandsOfConnection(c, head.get()), head.get());
        if (!(turn instanceof CommandQueue.Turn.Run run)) {
            return Optional.empty();
        }
        supersede(c, run.folded(), run.commandId());
        return Optional.of(lease(c, run.commandId(), owner, lease));
    }

    private Optional<Long> dueHead(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select c.id from sync_command c"
                + " where ((c.status = " + PENDING + " and c.next_attempt_at <= now())"
                + "     or (c.status = " + IN_FLIGHT + " and c.lease_until < now())) and" + HEAD_OF_ITS_CONNECTION
                // Longest-waiting first: a connection that keeps failing cannot crowd out the others.
                + " order by c.next_attempt_at, c.id limit 1 for update skip locked");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }

    private static List<CommandQueue.Queued> lockOpenCommandsOfConnection(Connection c, long head)
            throws SQLException {
        List<CommandQueue.Queued> open = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, status from sync_command where connection_key ="
                + " (select connection_key from sync_command where id = ?) and status in " + OPEN
                + " order by id for update")) {
            ps.setLong(1, head);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.add(new CommandQueue.Queued(rs.getLong(1), CommandStatus.valueOf(rs.getString(2))));
                }
            }
        }
        return open;
    }

    private static void supersede(Connection c, List<Long> folded, long into) throws SQLException {
        if (folded.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update sync_command set status = " + SUPERSEDED + ","
                + " superseded_by = ?, lease_owner = null, lease_until = null, claim_token = null,"
                + " updated_at = now() where id = any(?)")) {
            ps.setLong(1, into);
            ps.setArray(2, c.createArrayOf("bigint", folded.toArray()));
            ps.executeUpdate();
        }
        // A resync folded into a later command still owes its read of Clerk.
        try (PreparedStatement ps = c.prepareStatement("update sync_command set reread = true where id = ?"
                + " and not reread and exists (select 1 from sync_command where id = any(?) and reread)")) {
            ps.setLong(1, into);
            ps.setArray(2, c.createArrayOf("bigint", folded.toArray()));
            ps.executeUpdate();
        }
    }

    private SyncCommand lease(Connection c, long id, String owner, Duration lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update sync_command set status = " + IN_FLIGHT + ","
                + " lease_owner = ?, lease_until = now() + ? * interval '1 millisecond', attempts = attempts + 1,"
                + " claim_token = nextval('sync_command_claim_token'), updated_at = now()"
                + " where id = ? returning " + RETURNED)) {
            ps.setString(1, owner);
            ps.setLong(2, lease.toMillis());
            ps.setLong(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        }
    }

    /**
     * Locks the claimed row and checks that the claim still holds; every write a claim makes starts
     * here, so a worker whose command was taken over cannot write any more.
     */
    public void fence(Connection c, SyncCommand claim) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from sync_command where id = ? and claim_token = ?"
                + " and status = " + IN_FLIGHT + " for update")) {
            ps.setLong(1, claim.id());
            ps.setLong(2, claim.claimToken());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ClaimLostException(claim.id(), claim.claimToken());
                }
            }
        }
    }

    /** Extends the claim's lease; false if the claim no longer holds. */
    public boolean renew(Connection c, SyncCommand claim, Duration lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update sync_command set lease_until = now() + ? * interval"
                + " '1 millisecond' where id = ? and claim_token = ? and status = " + IN_FLIGHT)) {
            ps.setLong(1, lease.toMillis());
            ps.setLong(2, claim.id());
            ps.setLong(3, claim.claimToken());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Gives back every claim still held in {@code owner}'s name, so that their commands are due at once: for
     * an owner that holds nothing any more, whose work broke before it could record or learn of them.
     */
    public int releaseAllOf(Connection c, String owner) throws SQLException {
        int released;
        try (PreparedStatement ps = c.prepareStatement("update sync_command set status = " + PENDING + ","
                + " next_attempt_at = now(), lease_owner = null, lease_until = null, claim_token = null,"
                + " updated_at = now() where lease_owner = ? and status = " + IN_FLIGHT)) {
            ps.setString(1, owner);
            released = ps.executeUpdate();
        }
        if (released > 0) {
            wakeDispatchers(c);
        }
        return released;
    }

    /** Puts a connection's parked commands back in line, with a fresh retry window. */
    public int replayDead(Connection c, String connectionKey) throws SQLException {
        int replayed;
        try (PreparedStatement ps = c.prepareStatement("update sync_command set status = " + PENDING + ","
                + " next_attempt_at = now(), retrying_since = now(), updated_at = now()"
                + " where connection_key = ? and status = " + DEAD)) {
            ps.setString(1, connectionKey);
            replayed = ps.executeUpdate();
        }
        if (replayed > 0) {
            wakeDispatchers(c);
        }
        return replayed;
    }

    /**
     * Puts one FAILED or DEAD command back in line with a fresh retry window. A FAILED command is retried only
     * while it is its connection's newest: a later one already carries a newer desired state.
     */
    public CommandRetry retry(Connection c, long commandId) throws SQLException {
        String connectionKey;
        CommandStatus status;
        try (PreparedStatement ps = c.prepareStatement("select connection_key, status from sync_command where id = ?"
                + " for update")) {
            ps.setLong(1, commandId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new CommandRetry.Unknown();
                }
                connectionKey = rs.getString(1);
                status = CommandStatus.valueOf(rs.getString(2));
            }
        }
        if (status != CommandStatus.FAILED && status != CommandStatus.DEAD) {
            return new CommandRetry.NotRetryable(connectionKey, status);
        }
        if (status == CommandStatus.FAILED) {
            try (PreparedStatement ps = c.prepareStatement("select max(id) from sync_command where connection_key = ?"
                    + " and id > ?")) {
                ps.setString(1, connectionKey);
                ps.setLong(2, commandId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long later = rs.getLong(1);
                    if (!rs.wasNull()) {
                        return new CommandRetry.Overtaken(connectionKey, later);
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("update sync_command set status = " + PENDING + ","
                + " next_attempt_at = now(), retrying_since = now(), updated_at = now() where id = ?")) {
            ps.setLong(1, commandId);
            ps.executeUpdate();
        }
        wakeDispatchers(c);
        return new CommandRetry.Requeued(connectionKey);
    }

    /** Up to {@code limit} commands in id order, narrowed by status, tenant and connection where given. */
    public List<ListedCommand> page(Connection c, CommandQuery query, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("select id, connection_key, tenant_id, version, operation, status,"
                + " changed_fields, reread, attempts, next_attempt_at, last_error, source_event_id, created_at,"
                + " updated_at from sync_command where true");
        List<Object> params = new ArrayList<>();
        if (query.status() != null) {
            sql.append(" and status = ?");
            params.add(query.status().name());
        }
        if (query.tenantId() != null) {
            sql.append(" and tenant_id = ?");
            params.add(query.tenantId());
        }
        if (query.connectionKey() != null) {
            sql.append(" and connection_key = ?");
            params.add(query.connectionKey());
        }
        if (query.afterId() != null) {
            sql.append(" and id > ?");
            params.add(query.afterId());
        }
        sql.append(" order by id limit ").append(limit);
        List<ListedCommand> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ListedCommand(rs.getLong("id"), rs.getString("connection_key"),
                            rs.getString("tenant_id"), rs.getLong("version"), Operation.valueOf(rs.getString("operation")),
                            CommandStatus.valueOf(rs.getString("status")), fields(rs), rs.getBoolean("reread"),
                            rs.getInt("attempts"), Rows.instant(rs, "next_attempt_at"), rs.getString("last_error"),
                            rs.getString("source_event_id"), Rows.instant(rs, "created_at"),
                            Rows.instant(rs, "updated_at")));
                }
            }
        }
        return rows;
    }

    /** Parks a fenced claim's command that kept failing past its maximum age; it waits for an operator. */
    public void park(Connection c, SyncCommand claim, String lastError) throws SQLException {
        finish(c, claim, CommandStatus.DEAD, lastError);
    }

    /** Ends a fenced claim's command as DONE or FAILED. */
    public void complete(Connection c, SyncCommand claim, CommandStatus status, String lastError)
            throws SQLException {
        finish(c, claim, status, lastError);
    }

    private static void finish(Connection c, SyncCommand claim, CommandStatus status, String lastError)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update sync_command set status = ?, last_error = ?,"
                + " lease_owner = null, lease_until = null, claim_token = null, updated_at = now() where id = ?")) {
            ps.setString(1, status.name());
            ps.setString(2, lastError);
            ps.setLong(3, claim.id());
            ps.executeUpdate();
        }
    }

    /** Puts a fenced claim's command back in line for a later attempt. */
    public void retryLater(Connection c, SyncCommand claim, Duration delay, String lastError) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update sync_command set status = " + PENDING + ", last_error = ?,"
                + " next_attempt_at = now() + ? * interval '1 millisecond', lease_owner = null, lease_until = null,"
                + " claim_token = null, updated_at = now() where id = ?")) {
            ps.setString(1, lastError);
            ps.setLong(2, delay.toMillis());
            ps.setLong(3, claim.id());
            ps.executeUpdate();
        }
    }

    /**
     * How many commands wait to be sent, counted up to {@code atMost} (the consumer's bound: no need to read a
     * backlog of any size), and the highest command id then, both of one snapshot.
     */
    public OpenCommands openCommands(Connection c, long atMost) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select (select count(*) from (select 1 from sync_command"
                + " where status in (" + PENDING + ", " + IN_FLIGHT + ") limit ?) open),"
                + " (select coalesce(max(id), 0) from sync_command)")) {
            ps.setLong(1, atMost);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new OpenCommands(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /** The highest command id yet, from the end of the primary key: how much the outbox can have grown since a count. */
    public long highestId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select coalesce(max(id), 0) from sync_command");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Whether Clerk still has to hear of something: a command waiting, running or parked. */
    public boolean hasOpenCommands(Connection c, String connectionKey) throws SQLException {
        return !withOpenCommands(c, List.of(connectionKey)).isEmpty();
    }

    /** Those of the connections that have a command waiting, running or parked. */
    public Set<String> withOpenCommands(Connection c, Collection<String> connectionKeys) throws SQLException {
        Set<String> open = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select distinct connection_key from sync_command"
                + " where connection_key = any(?::text[]) and status in " + OPEN)) {
            ps.setObject(1, connectionKeys.toArray(String[]::new));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.add(rs.getString(1));
                }
            }
        }
        return open;
    }

    /**
     * How long until a command's turn comes, for the dispatcher's idle wait; null if none will come by
     * itself. Commands queued behind an open one are left out: the end of that one wakes the workers,
     * and a parked one waits for an operator.
     */
    public Duration untilNextDue(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select extract(epoch from (min(case when c.status = " + PENDING
                + " then c.next_attempt_at else c.lease_until end) - now())) * 1000 from sync_command c"
                + " where c.status in (" + PENDING + ", " + IN_FLIGHT + ") and" + HEAD_OF_ITS_CONNECTION);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            double millis = rs.getDouble(1);
            return rs.wasNull() ? null : Duration.ofMillis(Math.max(0, (long) millis));
        }
    }

    private static String literal(CommandStatus status) {
        return "'" + status.name() + "'";
    }

    /** Wakes the dispatchers of every replica once the transaction commits. */
    public static void wakeDispatchers(Connection c) throws SQLException {
        // Notifications with one payload are sent once per transaction, however many commands it wrote.
        try (PreparedStatement ps = c.prepareStatement("select pg_notify('" + WAKE_UP_CHANNEL + "', '')")) {
            ps.execute();
        }
    }

    private static Set<ConnectionField> fields(ResultSet rs) throws SQLException {
        Array fields = rs.getArray("changed_fields");
        Set<ConnectionField> changed = EnumSet.noneOf(ConnectionField.class);
        for (Object name : (Object[]) fields.getArray()) {
            changed.add(ConnectionField.valueOf((String) name));
        }
        return changed;
    }

    private SyncCommand map(ResultSet rs) throws SQLException {
        Set<ConnectionField> changed = fields(rs);
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
                Rows.instant(rs, "retrying_since"),
                rs.getLong("claim_token"),
                rs.getBoolean("reread"),
                rs.getString("traceparent"));
    }
}
