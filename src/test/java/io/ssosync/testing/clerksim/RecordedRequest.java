package io.ssosync.testing.clerksim;

import java.time.Instant;

/**
 * One Backend API request the simulator answered (admin calls under {@code /_sim} are not recorded).
 *
 * @param time            when it arrived
 * @param path            the decoded path as sent, base included ({@code /v1/enterprise_connections})
 * @param query           the raw query string, or null
 * @param status          the status answered
 * @param requestBody     the body as sent ("" when none)
 * @param responseBody    the body answered
 * @param clerkApiVersion the {@code Clerk-API-Version} header, or null
 * @param authValid       whether it carried an accepted secret key (the key itself is never kept)
 * @param host            the {@code Host} header as sent, or null: tells apart callers that name the simulator
 *                        by different host names (127.0.0.1, localhost)
 */
public record RecordedRequest(Instant time, String method, String path, String query, int status,
                              String requestBody, String responseBody, String clerkApiVersion, boolean authValid,
                              String host) {
}
