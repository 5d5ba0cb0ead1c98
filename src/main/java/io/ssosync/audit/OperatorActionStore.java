package io.ssosync.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;

/** The append-only record of who changed what through the API; written in the caller's transaction. */
@ApplicationScoped
public class OperatorActionStore {

    private final ObjectMapper json;
    private final AuditChain chain;

    public OperatorActionStore(ObjectMapper json, AuditChain chain) {
        this.json = json;
        this.chain = chain;
    }

    public void append(Connection c, OperatorAction action) throws SQLException {
        chain.lock(c);
        long auditId;
        try (PreparedStatement ps = c.prepareStatement("insert into operator_action (actor, action, target_type,"
                + " target, connection_key, reason, details, tenant_id) values (?, ?, ?, ?, ?, ?, ?::jsonb,"
                + " coalesce((select tenant_id from connection_state where connection_key = ?), ?)) returning audit_id")) {
            ps.setString(1, action.actor());
            ps.setString(2, action.action());
            ps.setString(3, action.targetType());
            ps.setString(4, action.target());
            ps.setString(5, action.connectionKey());
            ps.setString(6, action.reason());
            ps.setString(7, write(action));
            ps.setString(8, action.connectionKey());
            // An action on a whole tenant names it as its target.
            ps.setString(9, "tenant".equals(action.targetType()) ? action.target() : null);
            auditId = HistoryStore.returnedId(ps);
        }
        chain.seal(c, "operator_action", auditId);
    }

    private String write(OperatorAction action) {
        try {
            return json.writeValueAsString(action.details());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
