package io.ssosync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private final ConnectionSpec v1 = Specs.saml("t_acme", "idp_1", 1, "acme.com");
    private final ClerkHolding held = ClerkHolding.known(ClerkApi.ENTERPRISE, "entconn_1", v1);

    @Test
    void createsWhatClerkDoesNotHold() {
        assertEquals(new SyncStep.Create(v1), Reconciler.nextStep(ClerkApi.ENTERPRISE, ClerkHolding.nothing(), v1));
    }

    @Test
    void updatesOnlyWhatDiffersFromWhatClerkAccepted() {
        ConnectionSpec v3 = Specs.renamed(v1, "Renamed", 3);

        SyncStep step = Reconciler.nextStep(ClerkApi.ENTERPRISE, held, v3);

        assertEquals(new SyncStep.Update(v3, Set.of(ConnectionField.NAME)), step);
    }

    @Test
    void isDoneWhenClerkHoldsTheTarget() {
        assertInstanceOf(SyncStep.Done.class, Reconciler.nextStep(ClerkApi.ENTERPRISE, held, v1));
        assertInstanceOf(SyncStep.Done.class, Reconciler.nextStep(ClerkApi.ENTERPRISE, ClerkHolding.nothing(), null));
    }

    @Test
    void deletesWhatClerkHoldsWhenTheTargetIsGone() {
        assertInstanceOf(SyncStep.Delete.class, Reconciler.nextStep(ClerkApi.SAML, ClerkHolding.known(ClerkApi.SAML, "samlc_1", v1), null));
    }

    @Test
    void replacesAConnectionWhoseProviderChanged() {
        ConnectionSpec v2 = Specs.withProvider(v1, "saml_custom", 2);

        assertInstanceOf(SyncStep.Delete.class, Reconciler.nextStep(ClerkApi.ENTERPRISE, held, v2));
        assertEquals(new SyncStep.Create(v2), Reconciler.nextStep(ClerkApi.ENTERPRISE, ClerkHolding.nothing(), v2));
    }

    @Test
    void replacesAnAdoptedConnectionWhoseProviderChanged() {
        ConnectionSpec v2 = Specs.withProvider(v1, "saml_custom", 2);
        ClerkHolding adopted = ClerkHolding.adopted(ClerkApi.ENTERPRISE, "entconn_1", v1.provider());

        assertInstanceOf(SyncStep.Delete.class, Reconciler.nextStep(ClerkApi.ENTERPRISE, adopted, v2));
    }

    @Test
    void sendsEverySettingToAnAdoptedConnectionOfTheSameProvider() {
        ClerkHolding adopted = ClerkHolding.adopted(ClerkApi.ENTERPRISE, "entconn_1", v1.provider());

        assertEquals(new SyncStep.Update(v1, ConnectionField.present(v1)),
                Reconciler.nextStep(ClerkApi.ENTERPRISE, adopted, v1));
    }

    @Test
    void aConnectionStaysOnTheApiThatHoldsIt() {
        ConnectionSpec oidc = Specs.oidc("t_acme", "idp_2", 1, "acme.io");
        ClerkHolding onLegacy = ClerkHolding.known(ClerkApi.SAML, "samlc_1", v1);

        assertInstanceOf(SyncStep.Unsupported.class, Reconciler.nextStep(ClerkApi.ENTERPRISE, onLegacy, oidc));
    }

    @Test
    void legacyApiCannotHoldOidc() {
        ConnectionSpec oidc = Specs.oidc("t_acme", "idp_2", 1, "acme.io");

        assertInstanceOf(SyncStep.Unsupported.class, Reconciler.nextStep(ClerkApi.SAML, ClerkHolding.nothing(), oidc));
    }

    @Test
    void fieldsTheCreateCannotCarryFollowInAnUpdate() {
        ConnectionSpec spec = new ConnectionSpec("t", "k", 1, "n", Protocol.SAML, "saml_okta",
                java.util.List.of("acme.com"), null, true, true, null, null, null, SamlSettings.EMPTY, null);

        ConnectionSpec applied = Reconciler.appliedAfterCreate(ClerkApi.SAML, spec, Set.of());

        assertNull(applied.active());
        assertNull(applied.syncUserAttributes());
        assertEquals(new SyncStep.Update(spec, Set.of(ConnectionField.ACTIVE, ConnectionField.SYNC_USER_ATTRIBUTES)),
                Reconciler.nextStep(ClerkApi.SAML, ClerkHolding.known(ClerkApi.SAML, "samlc_1", applied), spec));
    }

    @Test
    void fieldsClerksAnswerAlreadyShowNeedNoUpdate() {
        ConnectionSpec spec = new ConnectionSpec("t", "k", 1, "n", Protocol.SAML, "saml_okta",
                java.util.List.of("acme.com"), null, true, true, null, null, null, SamlSettings.EMPTY, null);

        ConnectionSpec applied = Reconciler.appliedAfterCreate(ClerkApi.SAML, spec,
                Set.of(ConnectionField.SYNC_USER_ATTRIBUTES));

        assertEquals(new SyncStep.Update(spec, Set.of(ConnectionField.ACTIVE)),
                Reconciler.nextStep(ClerkApi.SAML, ClerkHolding.known(ClerkApi.SAML, "samlc_1", applied), spec));
    }

    @Test
    void enterpriseCreateCarriesActiveButNotSyncUserAttributes() {
        ConnectionSpec spec = new ConnectionSpec("t", "k", 1, "n", Protocol.SAML, "saml_okta",
                java.util.List.of("acme.com"), null, true, true, null, null, null, SamlSettings.EMPTY, null);

        ConnectionSpec applied = Reconciler.appliedAfterCreate(ClerkApi.ENTERPRISE, spec, Set.of());

        assertEquals(Boolean.TRUE, applied.active());
        assertNull(applied.syncUserAttributes());
    }

    @Test
    void enterpriseCreateCarriesTheExtensionsButDisableAdditionalIdentifications() {
        ConnectionSpec spec = Specs.extended(Specs.saml("t", "k", 1, "acme.com"));

        ConnectionSpec applied = Reconciler.appliedAfterCreate(ClerkApi.ENTERPRISE, spec, Set.of());

        assertNull(applied.disableAdditionalIdentifications());
        assertEquals(new SyncStep.Update(spec, Set.of(ConnectionField.DISABLE_ADDITIONAL_IDENTIFICATIONS)),
                Reconciler.nextStep(ClerkApi.ENTERPRISE, ClerkHolding.known(ClerkApi.ENTERPRISE, "entconn_1", applied),
                        spec));
    }

    @Test
    void legacyApiCannotHoldCustomAttributesButAnEmptyListIsNoObstacle() {
        ConnectionSpec spec = Specs.extended(Specs.saml("t", "k", 1, "acme.com"));
        ConnectionSpec none = new ConnectionSpec("t", "k", 1, "n", Protocol.SAML, "saml_okta",
                java.util.List.of("acme.com"), null, true, null, true, true, java.util.List.of(), SamlSettings.EMPTY,
                null);

        SyncStep step = Reconciler.nextStep(ClerkApi.SAML, ClerkHolding.nothing(), spec);
        SyncStep held = Reconciler.nextStep(ClerkApi.ENTERPRISE, ClerkHolding.known(ClerkApi.SAML, "samlc_1",
                spec.without(ClerkApi.SAML.updateOnlyFields())), spec);

        assertInstanceOf(SyncStep.Unsupported.class, step);
        assertTrue(((SyncStep.Unsupported) step).reason().contains("custom_attributes"));
        assertTrue(((SyncStep.Unsupported) step).reason().contains("CLERK_API=enterprise"));
        assertInstanceOf(SyncStep.Unsupported.class, held, "a connection on the legacy API stays there");
        assertInstanceOf(SyncStep.Create.class, Reconciler.nextStep(ClerkApi.SAML, ClerkHolding.nothing(), none));
    }
}
