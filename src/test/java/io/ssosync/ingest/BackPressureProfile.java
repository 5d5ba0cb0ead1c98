package io.ssosync.ingest;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.ssosync.testing.SyncStack;

/**
 * A small outbox bound, so that a slow Clerk makes the consumers pause, batches small beside it, and a consumer for
 * each of the topic's partitions.
 */
public class BackPressureProfile implements QuarkusTestProfile {

    static final int MAX_OUTBOX = 20;
    static final int MAX_POLL_RECORDS = 10;
    static final int CONSUMERS = SyncStack.PARTITIONS;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("sso-sync.ingest.max-outbox", String.valueOf(MAX_OUTBOX),
                "mp.messaging.incoming.idp-registry-events.max.poll.records", String.valueOf(MAX_POLL_RECORDS),
                "sso-sync.ingest.consumers", String.valueOf(CONSUMERS));
    }
}
