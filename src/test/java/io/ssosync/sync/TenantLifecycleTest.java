package io.ssosync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.clerksim.StoredConnection;

/** A tenant signs up with two connections, then leaves. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class TenantLifecycleTest extends PipelineTest {

    @Test
    void tenantCreatedProvisionsEachConnectionAndTenantDeletedRemovesThemAll() {
        String saml = key("okta");
        String oidc = key("entra");
        publisher.structured(RegistryEvents.tenantCreated(tenant, "org_acme",
                List.of(samlSpec(saml, 1, domain("acme")), oidcSpec(oidc, 1, domain("acme-io")))));

        awaitStatus(saml, "SYNCED");
        awaitStatus(oidc, "SYNCED");
        assertEquals(2, clerk.connections().size());
        assertEquals(Set.of("saml_okta", "oidc_custom"), clerk.connections().stream()
                .map(c -> c.response().get("provider").asText()).collect(Collectors.toSet()));
        // Connections without an organization of their own join the tenant's.
        for (StoredConnection connection : clerk.connections()) {
            assertEquals("org_acme", connection.response().get("organization_id").asText());
        }
        clerk.clearRequestLog();

        publisher.structured(RegistryEvents.tenantDeleted(tenant, 40));

        awaitStatus(saml, "DELETED");
        awaitStatus(oidc, "DELETED");
        assertTrue(clerk.connections().isEmpty());
        assertEquals(2, clerk.requests().stream().filter(r -> r.method().equals("DELETE")).count());
    }

    @Test
    void upsertOlderThanTheTenantsDeletionIsStale() {
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));
        awaitStatus(key, "SYNCED");
        publisher.structured(RegistryEvents.tenantDeleted(tenant, 40));
        awaitStatus(key, "DELETED");
        clerk.clearRequestLog();

        RegistryEvents.Event late = RegistryEvents.upserted(samlSpec(key("late"), 39, domain("late")));
        publisher.structured(late);

        assertEquals("STALE", awaitSettled(late));
        assertTrue(clerk.requests().isEmpty());
    }

    @Test
    void tenantCreatedWithoutConnectionsProvisionsNothing() {
        RegistryEvents.Event created = RegistryEvents.tenantCreated(tenant, null, List.of());
        publisher.binary(created);

        assertEquals("UNCHANGED", awaitSettled(created));
        assertTrue(clerk.requests().isEmpty());
    }
}
