package io.ssosync.sync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.ssosync.support.jdbc.Transactions;
import io.ssosync.testing.UnitDatabase;

/** Deliveries told apart by their stored digests, against a real database. */
class InboxStoreTest {

    private static final Supplier<String> NOT_ASKED = () -> {
        throw new AssertionError("the earlier form was asked of a delivery the current one settles");
    };

    private final Transactions transactions = UnitDatabase.transactions();
    private final InboxStore inbox = new InboxStore();

    @Test
    void aRowInTheCurrentFormSettlesARedeliveryWithoutTheEarlierForm() {
        record(entry("e1", "v2:aaa", NOT_ASKED));

        assertEquals(List.of(InboxStore.Delivery.REDELIVERY, InboxStore.Delivery.CONFLICT),
                record(entry("e1", "v2:aaa", NOT_ASKED), entry("e1", "v2:bbb", () -> "earlier-bbb")));
        assertEquals(1L, UnitDatabase.count("select conflicts from inbox_event where event_id = 'e1'"));
    }

    @Test
    void aRowAnEarlierVersionStoredIsComparedInItsForm() {
        UnitDatabase.execute("insert into inbox_event (event_id, source, event_type, content_digest, outcome)"
                + " values ('e2', '/registry', 't', 'earlier-aaa', 'CHANGED')");

        assertEquals(List.of(InboxStore.Delivery.REDELIVERY, InboxStore.Delivery.CONFLICT),
                record(entry("e2", "v2:aaa", () -> "earlier-aaa"), entry("e2", "v2:bbb", () -> "earlier-bbb")));
        assertEquals("v2:bbb", UnitDatabase.value("select last_conflict_digest from inbox_event where event_id = 'e2'"));
    }

    private List<InboxStore.Delivery> record(InboxStore.Entry... entries) {
        return transactions.inTransaction(c -> inbox.recordAll(c, List.of(entries)));
    }

    private static InboxStore.Entry entry(String id, String digest, Supplier<String> earlier) {
        return new InboxStore.Entry(id, "/registry", "t", null, null, digest, earlier, InboxStore.Origin.NONE);
    }
}
