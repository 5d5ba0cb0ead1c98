package io.ssosync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ConnectionFieldTest {

    private final ConnectionSpec plain = Specs.saml("t_acme", "idp_1", 1, "acme.com");
    private final ConnectionSpec extended = Specs.extended(plain);

    @Test
    void theExtensionsArePresentOnlyWhenSet() {
        Set<ConnectionField> present = ConnectionField.present(extended);

        assertTrue(present.containsAll(Set.of(ConnectionField.DISABLE_ADDITIONAL_IDENTIFICATIONS,
                ConnectionField.ALLOW_ORGANIZATION_ACCOUNT_LINKING, ConnectionField.CUSTOM_ATTRIBUTES,
                ConnectionField.SAML_LOGIN_HINT)));
        Set<ConnectionField> plainPresent = ConnectionField.present(plain);
        for (ConnectionField field : Set.of(ConnectionField.DISABLE_ADDITIONAL_IDENTIFICATIONS,
                ConnectionField.ALLOW_ORGANIZATION_ACCOUNT_LINKING, ConnectionField.CUSTOM_ATTRIBUTES,
                ConnectionField.SAML_LOGIN_HINT)) {
            assertFalse(plainPresent.contains(field), field.name());
        }
    }

    @Test
    void changingOneExtensionChangesOnlyThatField() {
        ConnectionSpec hint = extended.withIdpSettings(new SamlSettings(null, null, null, null, null, null, null, null,
                null, new LoginHint("off", null)), null);

        assertEquals(Set.of(ConnectionField.ALLOW_ORGANIZATION_ACCOUNT_LINKING),
                ConnectionField.changed(extended, extended.withAllowOrganizationAccountLinking(false)));
        assertEquals(Set.of(ConnectionField.CUSTOM_ATTRIBUTES), ConnectionField.changed(extended,
                new ConnectionSpec(extended.tenantId(), extended.connectionKey(), 1, extended.name(),
                        extended.protocol(), extended.provider(), extended.domains(), null, true, null, true, true,
                        List.of(), extended.saml(), null)));
        assertTrue(ConnectionField.changed(extended, hint).contains(ConnectionField.SAML_LOGIN_HINT));
    }

    @Test
    void updateOnlyExtensionsCanBeCleared() {
        ConnectionSpec cleared = extended.without(Set.of(ConnectionField.DISABLE_ADDITIONAL_IDENTIFICATIONS,
                ConnectionField.ALLOW_ORGANIZATION_ACCOUNT_LINKING));

        assertNull(cleared.disableAdditionalIdentifications());
        assertNull(cleared.allowOrganizationAccountLinking());
        assertEquals(extended.customAttributes(), cleared.customAttributes());
        assertEquals(extended.saml(), cleared.saml());
    }

    @Test
    void everyUpdateOnlyFieldOfEitherApiCanBeCleared() {
        for (ClerkApi api : ClerkApi.values()) {
            ConnectionSpec cleared = extended.without(api.updateOnlyFields());
            for (ConnectionField field : api.updateOnlyFields()) {
                assertNull(field.read(cleared), api + " " + field);
            }
        }
    }
}
