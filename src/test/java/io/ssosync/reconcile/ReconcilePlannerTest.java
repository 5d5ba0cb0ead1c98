package io.ssosync.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Specs;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.sync.store.StoredConnection;

class ReconcilePlannerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aConnectionClerkLostIsMissingAndOneEditedIsDriftedByClerkFieldName() {
        ConnectionSpec lost = Specs.saml("t", "lost", 1, "lost.example.com");
        ConnectionSpec edited = Specs.saml("t", "edited", 1, "edited.example.com");
        HeldConnection copy = held("ec_2", edited, "Renamed in Clerk", "saml_okta");

        ReconcilePlan plan = ReconcilePlanner.compare(List.of(row(lost, "ec_1", SyncStatus.SYNCED),
                row(edited, "ec_2", SyncStatus.SYNCED)), List.of(copy)).plan();

        assertEquals(List.of(new ReconcilePlan.Missing("lost")), plan.missing());
        assertEquals(List.of(new ReconcilePlan.Drifted("edited", "ec_2", List.of("name"))), plan.drifted());
        assertTrue(plan.orphans().isEmpty());
    }

    @Test
    void aConnectionWithCommandsOnTheirWayIsNotDrift() {
        ConnectionSpec moving = Specs.saml("t", "moving", 2, "moving.example.com");
        ReconcilePlan plan = ReconcilePlanner.compare(List.of(row(moving, "ec_1", SyncStatus.PENDING)),
                List.of(held("ec_1", moving, "Old name", "saml_okta"))).plan();

        assertTrue(plan.isEmpty(), plan.toString());
    }

    @Test
    void aProviderChangedInClerkIsDrift() {
        ConnectionSpec spec = Specs.saml("t", "k", 1, "k.example.com");
        ReconcilePlan plan = ReconcilePlanner.compare(List.of(row(spec, "ec_1", SyncStatus.SYNCED)),
                List.of(held("ec_1", spec, spec.name(), "saml_custom"))).plan();

        assertEquals(List.of("provider"), plan.drifted().get(0).fields());
    }

    @Test
    void onlyConnectionsOnOurDomainsAreOrphansAndOneIsAdoptedOnlyByASingleMissingMatch() {
        ConnectionSpec failed = Specs.saml("t", "failed", 1, "ours.example.com");
        HeldConnection onOurDomain = held("ec_9", failed, "Made by hand", "saml_okta");
        HeldConnection otherProvider = held("ec_8", Specs.saml("t", "x", 1, "ours.example.com"), "x", "saml_google");
        HeldConnection foreign = held("ec_7", Specs.saml("t", "y", 1, "elsewhere.example.org"), "y", "saml_okta");

        ReconcilePlanner.Findings findings = ReconcilePlanner.compare(List.of(row(failed, null, SyncStatus.FAILED)),
                List.of(onOurDomain, otherProvider, foreign));

        assertEquals(List.of("ec_9", "ec_8"), findings.plan().orphans().stream()
                .map(ReconcilePlan.Orphan::clerkConnectionId).toList());
        assertEquals(List.of(new ReconcilePlan.Missing("failed")), findings.plan().missing());
        // Of another provider it would have to be replaced, so only the one of the same provider is adoptable.
        assertEquals("ec_9", findings.adoptable().get("failed").id());
    }

    @Test
    void twoOrphansForOneConnectionLeaveBothToAnOperator() {
        ConnectionSpec failed = Specs.saml("t", "failed", 1, "ours.example.com");
        ReconcilePlanner.Findings findings = ReconcilePlanner.compare(List.of(row(failed, null, SyncStatus.FAILED)),
                List.of(held("ec_1", failed, "a", "saml_okta"), held("ec_2", failed, "b", "saml_okta")));

        assertEquals(2, findings.plan().orphans().size());
        assertTrue(findings.adoptable().isEmpty(), findings.adoptable().toString());
    }

    private static StoredConnection row(ConnectionSpec spec, String clerkId, SyncStatus status) {
        return new StoredConnection(spec.connectionKey(), spec.tenantId(), clerkId == null ? null : ClerkApi.ENTERPRISE,
                clerkId, spec.version(), spec, false, 1L, spec, status, null, Instant.now(),
                clerkId == null ? null : spec.provider(), null, null);
    }

    /** Clerk's copy of {@code spec} as its enterprise API shows it, with the given name and provider. */
    private static HeldConnection held(String id, ConnectionSpec spec, String name, String provider) {
        ObjectNode answer = JSON.createObjectNode().put("object", "enterprise_connection").put("id", id)
                .put("name", name).put("provider", provider).put("active", spec.active());
        spec.domains().forEach(answer.putArray("domains")::add);
        answer.putNull("organization_id");
        ObjectNode saml = answer.putObject("saml_connection");
        saml.put("idp_entity_id", spec.saml().idpEntityId()).put("idp_sso_url", spec.saml().idpSsoUrl())
                .putNull("idp_metadata_url").put("allow_idp_initiated", spec.saml().allowIdpInitiated())
                .put("allow_subdomains", spec.saml().allowSubdomains()).put("force_authn", spec.saml().forceAuthn());
        return HeldConnection.of(ClerkApi.ENTERPRISE, answer);
    }
}
