package io.ssosync.clerk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.sync.domain.ConnectionField;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Specs;

class ClerkReadbackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConnectionSpec saml = Specs.saml("t", "k", 1, "acme.com");
    private final ConnectionSpec oidc = Specs.oidc("t", "k", 1, "acme.com");
    /** Clerk's newer settings, as the contract's extensions set them. */
    private final ConnectionSpec extended = Specs.extended(saml);
    private static final Set<ConnectionField> EXTENSIONS = Set.of(ConnectionField.DISABLE_ADDITIONAL_IDENTIFICATIONS,
            ConnectionField.ALLOW_ORGANIZATION_ACCOUNT_LINKING, ConnectionField.CUSTOM_ATTRIBUTES,
            ConnectionField.SAML_LOGIN_HINT);

    @Test
    void anEnterpriseAnswerIsComparedWhereClerkShowsTheField() throws Exception {
        ObjectNode answer = (ObjectNode) JSON.readTree("""
                {"id": "ec_1", "name": "Acme Okta", "provider": "saml_okta", "active": true,
                 "domains": ["acme.com"], "organization_id": null,
                 "saml_connection": {"idp_entity_id": "http://www.okta.com/exk1",
                   "idp_sso_url": "https://elsewhere.example.com/sso", "allow_idp_initiated": false,
                   "allow_subdomains": true, "force_authn": false}}""");

        assertEquals(EnumSet.of(ConnectionField.SAML_IDP_SSO_URL, ConnectionField.SAML_ALLOW_SUBDOMAINS),
                ClerkReadback.differing(ClerkApi.ENTERPRISE, answer, saml));
        // Certificate and attribute mapping never come back from the enterprise API.
        assertEquals(EnumSet.of(ConnectionField.SAML_IDP_CERTIFICATE, ConnectionField.SAML_ATTRIBUTE_MAPPING),
                ClerkReadback.unreadable(ClerkApi.ENTERPRISE, saml));
    }

    @Test
    void domainsCompareAsASetAndAFieldLeftOutIsNotDrift() throws Exception {
        ConnectionSpec twoDomains = new ConnectionSpec("t", "k", 1, "Acme Okta", saml.protocol(), saml.provider(),
                java.util.List.of("a.com", "b.com"), null, null, null, null, null, null, null, null);
        ObjectNode answer = (ObjectNode) JSON.readTree("{\"name\": \"Acme Okta\", \"domains\": [\"b.com\", \"a.com\"]}");

        assertEquals(Set.of(), ClerkReadback.differing(ClerkApi.ENTERPRISE, answer, twoDomains));
        answer.putArray("domains").add("a.com");
        assertEquals(Set.of(ConnectionField.DOMAINS), ClerkReadback.differing(ClerkApi.ENTERPRISE, answer, twoDomains));
    }

    @Test
    void theOidcClientSecretIsUnreadableAndTheRestOfOauthConfigIsCompared() throws Exception {
        ObjectNode answer = (ObjectNode) JSON.readTree("""
                {"name": "Acme Entra", "domains": ["acme.com"], "active": true,
                 "oauth_config": {"client_id": "someone-elses", "discovery_url":
                   "https://login.acme.test/.well-known/openid-configuration", "requires_pkce": false}}""");

        assertEquals(Set.of(ConnectionField.OIDC_CLIENT_ID), ClerkReadback.differing(ClerkApi.ENTERPRISE, answer, oidc));
        assertEquals(Set.of(ConnectionField.OIDC_CLIENT_SECRET), ClerkReadback.unreadable(ClerkApi.ENTERPRISE, oidc));
        assertEquals(java.util.List.of("oidc.client_id"),
                ClerkReadback.clerkNames(ClerkApi.ENTERPRISE, Set.of(ConnectionField.OIDC_CLIENT_ID)));
    }

    @Test
    void theLegacyApiShowsTheCertificateAtTopLevelWhateverItsLineBreaks() throws Exception {
        ObjectNode answer = JSON.createObjectNode().put("name", "Acme Okta")
                .put("idp_certificate", saml.saml().idpCertificate().replace("\n", "\r\n  "));

        assertEquals(Set.of(), ClerkReadback.differing(ClerkApi.SAML, answer, saml));
        answer.put("idp_certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----");
        assertEquals(Set.of(ConnectionField.SAML_IDP_CERTIFICATE), ClerkReadback.differing(ClerkApi.SAML, answer, saml));
    }

    @Test
    void anEnterpriseAnswerHoldingTheExtensionsDoesNotDifferThoughClerkAddsItsOwnMembers() throws Exception {
        JsonNode answer = JSON.readTree("""
                {"disable_additional_identifications":true,"allow_organization_account_linking":true,
                 "custom_attributes":[{"name":"Department","key":"department","sso_path":"dept","scim_path":"urn:dept",
                                       "directory_path":"urn:dept","multi_valued":false}],
                 "saml_connection":{"login_hint":{"mode":"custom_attribute","source":"upn"}}}""");

        Set<ConnectionField> differing = ClerkReadback.differing(ClerkApi.ENTERPRISE, answer, extended);

        for (ConnectionField field : EXTENSIONS) {
            assertFalse(differing.contains(field), field.name());
            assertFalse(ClerkReadback.unreadable(ClerkApi.ENTERPRISE, extended).contains(field), field.name());
        }
    }

    @Test
    void anEnterpriseAnswerWithOtherValuesDiffersInEachOfThem() throws Exception {
        JsonNode answer = JSON.readTree("""
                {"disable_additional_identifications":false,"allow_organization_account_linking":false,
                 "custom_attributes":[{"name":"Department","key":"department","sso_path":"dept","scim_path":"urn:dept",
                                       "multi_valued":true}],
                 "saml_connection":{"login_hint":{"mode":"email_address"}}}""");

        Set<ConnectionField> differing = ClerkReadback.differing(ClerkApi.ENTERPRISE, answer, extended);

        assertTrue(differing.containsAll(EXTENSIONS), differing.toString());
        assertTrue(ClerkReadback.differing(ClerkApi.ENTERPRISE, JSON.readTree("{\"custom_attributes\":[]}"), extended)
                .contains(ConnectionField.CUSTOM_ATTRIBUTES), "an attribute Clerk lacks");
        assertEquals("saml.login_hint", ClerkReadback.clerkName(ClerkApi.ENTERPRISE, ConnectionField.SAML_LOGIN_HINT));
    }

    @Test
    void aLegacyAnswerHoldsThemAtTheTopLevelAndHasNoCustomAttributes() throws Exception {
        JsonNode answer = JSON.readTree("""
                {"disable_additional_identifications":true,"allow_organization_account_linking":false,
                 "login_hint":{"mode":"off"}}""");

        Set<ConnectionField> differing = ClerkReadback.differing(ClerkApi.SAML, answer, extended);

        assertTrue(differing.contains(ConnectionField.ALLOW_ORGANIZATION_ACCOUNT_LINKING));
        assertTrue(differing.contains(ConnectionField.SAML_LOGIN_HINT));
        assertFalse(differing.contains(ConnectionField.DISABLE_ADDITIONAL_IDENTIFICATIONS));
        assertFalse(differing.contains(ConnectionField.CUSTOM_ATTRIBUTES));
        assertFalse(ClerkReadback.unreadable(ClerkApi.SAML, extended).contains(ConnectionField.CUSTOM_ATTRIBUTES),
                "the legacy API has none to send either");
    }
}
