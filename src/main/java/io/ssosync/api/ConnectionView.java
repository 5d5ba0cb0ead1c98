package io.ssosync.api;

import java.time.Instant;
import java.util.List;

import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.ServiceProvider;
import io.ssosync.sync.store.StoredConnection;

/**
 * A connection's sync state as the API shows it. It carries no IdP settings, so no secret can leak:
 * only what identifies the connection, and {@code clerk}: Clerk's side of it (the SAML ACS URL, SP entity id
 * and SP metadata URL the IdP's administrator enters), null where Clerk gave none.
 */
public record ConnectionView(
        String connectionKey,
        String tenantId,
        String name,
        String provider,
        List<String> domains,
        String clerkConnectionId,
        String clerkApi,
        ServiceProvider clerk,
        String status,
        long desiredVersion,
        Long appliedVersion,
        String lastError,
        Instant updatedAt) {

    public static ConnectionView of(StoredConnection stored) {
        ConnectionSpec spec = stored.desiredSpec() != null ? stored.desiredSpec() : stored.appliedSpec();
        return new ConnectionView(
                stored.connectionKey(),
                stored.tenantId(),
                spec == null ? null : spec.name(),
                spec == null ? null : spec.provider(),
                spec == null ? List.of() : spec.domains(),
                stored.clerkConnectionId(),
                stored.clerkApi() == null ? null : stored.clerkApi().name().toLowerCase(),
                stored.serviceProvider(),
                stored.status().name(),
                stored.desiredVersion(),
                stored.appliedVersion(),
                stored.lastError(),
                stored.updatedAt());
    }
}
