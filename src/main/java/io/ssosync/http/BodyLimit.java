package io.ssosync.http;

import io.ssosync.config.InvalidSettingException;

/**
 * The largest request body the HTTP layer takes. It may not be below the event limit: the webhook and the
 * replay must get an event up to that limit in order to answer their own 413, which names the event limit.
 */
final class BodyLimit {

    private BodyLimit() {
    }

    static long of(long maxBodyBytes, int maxEventBytes) {
        if (maxBodyBytes < maxEventBytes) {
            throw new InvalidSettingException("QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE (" + maxBodyBytes
                    + " bytes) must not be below SSO_SYNC_INGEST_MAX_EVENT_BYTES (" + maxEventBytes + ")");
        }
        return maxBodyBytes;
    }
}
