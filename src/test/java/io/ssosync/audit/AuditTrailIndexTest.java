package io.ssosync.audit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssosync.support.jdbc.Transactions;
import io.ssosync.testing.UnitDatabase;

/** The audit listing's filters are served by indexes on both sides of the trail's union. */
class AuditTrailIndexTest {

    private final Transactions transactions = UnitDatabase.transactions();

    @Test
    void tenantConnectionAndPageFiltersUseIndexes() {
        String tenant = plan("tenant_id = 't_a' and id < 50 order by id desc limit 101");
        assertTrue(tenant.contains("sync_history_tenant_audit") && tenant.contains("operator_action_tenant_audit"),
                tenant);
        String connection = plan("connection_key = 'idp_a' order by id desc limit 101");
        assertTrue(connection.contains("sync_history_connection_audit")
                && connection.contains("operator_action_connection_audit"), connection);
        String all = plan("id < 50 order by id desc limit 101");
        assertTrue(all.contains("sync_history_audit_id") && all.contains("operator_action_audit_id"), all);
    }

    private String plan(String condition) {
        return transactions.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                // With sequential scans priced out, the planner picks an index wherever one serves the query.
                st.execute("set local enable_seqscan = off");
                try (ResultSet rs = st.executeQuery("explain select * from audit_trail where " + condition)) {
                    List<String> lines = new ArrayList<>();
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                    return String.join("\n", lines);
                }
            }
        });
    }
}
