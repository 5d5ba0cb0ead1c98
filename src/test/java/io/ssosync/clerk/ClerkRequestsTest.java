package io.ssosync.clerk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.sync.domain.AttributeMapping;
import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.sync.domain.ConnectionField;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.OidcSettings;
import io.ssosync.sync.domain.Protocol;
import io.ssosync.sync.domain.SamlSettings;

class ClerkRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectionSpec saml = new ConnectionSpec("t_acme", "idp_1", 1, "Acme Okta", Protocol.SAML,
            "saml_okta", List.of("acme.com", "acme.io"), "org_2abc", true, true, null, null, null,
            new SamlSettings("entity", "https://sso", "CERT", "https://meta", "<xml/>", true, false, true,
                    new AttributeMapping(null, "email", "first", "last"), null),
            null);

    private final ConnectionSpec oidc = new ConnectionSpec("t_acme", "idp_2", 1, "Acme Entra", Protocol.OIDC,
            "oidc_custom", List.of("acme.com"), null, false, null, null, null, null, null,
            new OidcSettings("https://disc", "https://auth", "https://token", "https://userinfo", "cid", "SECRET",
                    true));

    @Test
    void enterpriseCreateNestsSamlSettingsAndLeavesUpdateOnlyFieldsOut() throws Exception {
        ClerkRequest request = ClerkRequests.create(ClerkApi.ENTERPRISE, saml);

        assertEquals("/enterprise_connections", request.path());
        assertEquals(JSON.readTree("""
                {"name":"Acme Okta","provider":"saml_okta","domains":["acme.com","acme.io"],
                 "organization_id":"org_2abc","active":true,
                 "saml":{"idp_entity_id":"entity","idp_sso_url":"https://sso","idp_certificate":"CERT",
                         "idp_metadata_url":"https://meta","idp_metadata":"<xml/>","allow_idp_initiated":true,
                         "allow_subdomains":false,"force_authn":true,
                         "attribute_mapping":{"email_address":"email","first_name":"first","last_name":"last"}}}"""),
                request.body());
    }

    @Test
    void enterpriseCreateNestsOidcSettings() throws Exception {
        ClerkRequest request = ClerkRequests.create(ClerkApi.ENTERPRISE, oidc);

        assertEquals(JSON.readTree("""
                {"name":"Acme Entra","provider":"oidc_custom","domains":["acme.com"],"active":false,
                 "oidc":{"discovery_url":"https://disc","auth_url":"https://auth","token_url":"https://token",
                         "user_info_url":"https://userinfo","client_id":"cid","client_secret":"SECRET",
                         "requires_pkce":true}}"""),
                request.body());
    }

    @Test
    void legacyCreateKeepsIdpSettingsAtTheTopLevel() throws Exception {
        ClerkRequest request = ClerkRequests.create(ClerkApi.SAML, saml);

        assertEquals("/saml_connections", request.path());
        assertEquals(JSON.readTree("""
                {"name":"Acme Okta","provider":"saml_okta","domains":["acme.com","acme.io"],
                 "organization_id":"org_2abc","idp_entity_id":"entity","idp_sso_url":"https://sso",
                 "idp_certificate":"CERT","idp_metadata_url":"https://meta","idp_metadata":"<xml/>",
                 "force_authn":true,
                 "attribute_mapping":{"email_address":"email","first_name":"first","last_name":"last"}}"""),
                request.body());
    }

    @Test
    void updateSendsOnlyTheGivenFields() throws Exception {
        ClerkRequest enterprise = ClerkRequests.update(ClerkApi.ENTERPRISE, "entconn_1", saml,
                Set.of(ConnectionField.NAME, ConnectionField.SYNC_USER_ATTRIBUTES, ConnectionField.SAML_IDP_SSO_URL));
        ClerkRequest legacy = ClerkRequests.update(ClerkApi.SAML, "samlc_1", saml,
                Set.of(ConnectionField.ACTIVE, ConnectionField.SAML_ALLOW_SUBDOMAINS));

        assertEquals("/enterprise_connections/entconn_1", enterprise.path());
        assertEquals(JSON.readTree("""
                {"name":"Acme Okta","sync_user_attributes":true,"saml":{"idp_sso_url":"https://sso"}}"""),
                enterprise.body());
        assertEquals(JSON.readTree("{\"active\":true,\"allow_subdomains\":false}"), legacy.body());
    }

    @Test
    void updateOfOnlyUnsetValuesSendsNothing() {
        assertNull(ClerkRequests.update(ClerkApi.ENTERPRISE, "entconn_1", oidc, Set.of(ConnectionField.ORGANIZATION_ID)));
    }
}
