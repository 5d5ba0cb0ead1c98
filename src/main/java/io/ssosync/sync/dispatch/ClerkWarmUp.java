package io.ssosync.sync.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.clerk.ClerkGateway;
import io.ssosync.clerk.ClerkOutcome;
import io.ssosync.clerk.ClerkRequest;
import io.ssosync.clerk.ClerkRequests;
import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.sync.domain.ConnectionSpec;

/**
 * Makes the first command's call to Clerk cost what the next ones cost: one list call (a token of the shared
 * quota, one connection) opens the HTTP connection and runs the REST client, the quota and the answer's
 * classification once, and a create's body is mapped and written without being sent. Clerk's answer is
 * observed as any call's, so a rejected key shows in readiness at once rather than at the first command.
 */
public final class ClerkWarmUp {

    private final ClerkGateway clerk;
    private final ClerkAvailability availability;
    private final ClerkApi api;
    private final ObjectMapper json;

    public ClerkWarmUp(ClerkGateway clerk, ClerkAvailability availability, ClerkApi api, ObjectMapper json) {
        this.clerk = clerk;
        this.availability = availability;
        this.api = api;
        this.json = json;
    }

    /** Runs both; returns what Clerk answered to the list call, for readiness to show. */
    public String run(ConnectionSpec sample) {
        ClerkRequest create = ClerkRequests.create(api, sample);
        try {
            json.writeValueAsBytes(create.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a create request's body", e);
        }
        ClerkOutcome answer = clerk.send(ClerkRequest.list(ClerkRequests.collection(api), 1, 0, null));
        availability.observe(answer);
        return answer instanceof ClerkOutcome.Accepted ? "accepted" : answer.exchange().describe();
    }
}
