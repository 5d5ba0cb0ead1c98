package io.ssosync.sync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.testing.TestKeys;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.testing.UnitDatabase;

/** Listing connections a page at a time, by tenant and status, from an index at any depth. */
class ConnectionListingTest {

    private final Transactions transactions = UnitDatabase.transactions();
    private final ConnectionStateStore connections = new ConnectionStateStore(new SpecJson(new ObjectMapper(), TestKeys.box()));

    @BeforeEach
    void twoTenantsOfTwentyConnections() {
        // Every third connection of tenant t_a FAILED, the rest SYNCED; t_b's all PENDING.
        UnitDatabase.execute("insert into connection_state (connection_key, tenant_id, desired_version, status)"
                + " select 'idp_a_' || lpad(i::text, 2, '0'), 't_a', 1,"
                + "   case when i % 3 = 0 then 'FAILED' else 'SYNCED' end from generate_series(1, 20) i"
                + " union all select 'idp_b_' || lpad(i::text, 2, '0'), 't_b', 1, 'PENDING' from generate_series(1, 20) i");
    }

    @Test
    void pagesWalkEveryConnectionOfATenantOnceInKeyOrder() {
        List<String> seen = walk(new ConnectionQuery("t_a", null, null), 6);

        List<String> expected = IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("idp_a_%02d", i)).toList();
        assertEquals(expected, seen);
    }

    @Test
    void aStatusFilterCombinesWithTheTenantAndThePaging() {
        List<String> failed = walk(new ConnectionQuery("t_a", SyncStatus.FAILED, null), 4);
        List<String> pendingAnywhere = walk(new ConnectionQuery(null, SyncStatus.PENDING, null), 7);

        assertEquals(List.of("idp_a_03", "idp_a_06", "idp_a_09", "idp_a_12", "idp_a_15", "idp_a_18"), failed);
        assertEquals(20, pendingAnywhere.size());
        assertTrue(pendingAnywhere.stream().allMatch(key -> key.startsWith("idp_b_")));
    }

    @Test
    void everyFilterIsServedByAnIndexEndingWithTheKey() throws Exception {
        // With sequential scans priced out, the planner picks an index wherever one serves the query.
        assertEquals("connection_state_tenant_key",
                indexUsed("tenant_id = 't_a' and connection_key > 'idp_a_05' order by connection_key limit 11"));
        assertEquals("connection_state_status_key",
                indexUsed("status = 'FAILED' and connection_key > 'idp_a_05' order by connection_key limit 11"));
        assertEquals("connection_state_pkey", indexUsed("connection_key > 'idp_a_05' order by connection_key limit 11"));
    }

    private List<String> walk(ConnectionQuery first, int pageSize) {
        List<String> keys = new ArrayList<>();
        ConnectionQuery query = first;
        while (true) {
            ConnectionQuery current = query;
            List<StoredConnection> page = transactions.inTransaction(c -> connections.page(c, current, pageSize));
            page.forEach(row -> keys.add(row.connectionKey()));
            if (page.size() < pageSize) {
                return keys;
            }
            query = new ConnectionQuery(first.tenantId(), first.status(), page.get(page.size() - 1).connectionKey());
        }
    }

    private String indexUsed(String condition) throws Exception {
        String sql = "explain select * from connection_state where " + condition;
        return transactions.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("set local enable_seqscan = off");
                st.execute("set local enable_bitmapscan = off");
                try (ResultSet rs = st.executeQuery(sql)) {
                    List<String> plan = new ArrayList<>();
                    while (rs.next()) {
                        plan.add(rs.getString(1));
                    }
                    return plan.stream()
                            .map(line -> line.replaceAll(".*Index (?:Only )?Scan using (\\S+).*", "$1"))
                            .filter(name -> name.startsWith("connection_state_"))
                            .findFirst()
                            .orElse(plan.stream().collect(Collectors.joining("\n")));
                }
            }
        });
    }
}
