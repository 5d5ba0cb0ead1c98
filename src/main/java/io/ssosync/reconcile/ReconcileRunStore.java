package io.ssosync.reconcile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.support.jdbc.Rows;
import jakarta.enterprise.context.ApplicationScoped;

/** Each reconcile run's result, kept so that the last plan can be shown without asking Clerk again. */
@ApplicationScoped
public class ReconcileRunStore {

    private final ObjectMapper json;

    public ReconcileRunStore(ObjectMapper json) {
        this.json = json;
    }

    /** A run id, taken before the run's repairs so that each names the run it came from. */
    long nextId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select nextval(pg_get_serial_sequence('reconcile_run', 'id'))");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void save(Connection c, String actor, ReconcileResult result) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into reconcile_run (id, at, actor, mode, missing,"
                + " drifted, orphans, queued, plan) values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
            ps.setLong(1, result.runId());
            ps.setObject(2, java.sql.Timestamp.from(result.at()));
            ps.setString(3, actor);
            ps.setString(4, result.mode());
            ps.setInt(5, result.missing().size());
            ps.setInt(6, result.drifted().size());
            ps.setInt(7, result.orphans().size());
            ps.setInt(8, result.queued());
            ps.setString(9, write(result));
            ps.executeUpdate();
        }
    }

    public Optional<ReconcileResult> last(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select plan::text from reconcile_run order by id desc limit 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs.getString(1))) : Optional.empty();
        }
    }

    /** When the last run by {@code actor} was, to space scheduled runs across replicas. */
    Optional<Instant> lastRunBy(Connection c, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select max(at) as at from reconcile_run where actor = ?")) {
            ps.setString(1, actor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(Rows.instant(rs, "at"));
            }
        }
    }

    private String write(ReconcileResult result) {
        try {
            return json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ReconcileResult read(String text) {
        try {
            return json.readValue(text, ReconcileResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
