package io.ssosync.clerk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.ssosync.sync.domain.Specs;

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

    private final ConnectionSpec extended = Specs.extended(Specs.saml("t_acme", "idp_3", 1, "acme.com"));

    @Test
    void enterpriseCreateCarriesTheExtensionsItAccepts() {
        ClerkRequest request = ClerkRequests.create(ClerkApi.ENTERPRISE, extended);

        assertEquals(JSON.createArrayNode().add(JSON.createObjectNode().put("name", "Department")
                .put("key", "department").put("sso_path", "dept").put("scim_path", "urn:dept")
                .put("multi_valued", false)), request.body().get("custom_attributes"));
        assertTrue(request.body().get("allow_organization_account_linking").booleanValue());
        assertEquals(JSON.createObjectNode().put("mode", "custom_attribute").put("source", "upn"),
                request.body().at("/saml/login_hint"));
        assertFalse(request.body().has("disable_additional_identifications"), "update-only on the enterprise API");
    }

    @Test
    void legacyCreateCarriesOnlyTheLoginHintAtTheTopLevel() {
        ClerkRequest request = ClerkRequests.create(ClerkApi.SAML, extended);

        assertEquals(JSON.createObjectNode().put("mode", "custom_attribute").put("source", "upn"),
                request.body().get("login_hint"));
        assertFalse(request.body().has("custom_attributes"));
        assertFalse(request.body().has("allow_organization_account_linking"));
        assertFalse(request.body().has("disable_additional_identifications"));
    }

    @Test
    void updatesCarryTheExtensionsWhereEachApiHasThem() throws Exception {
        Set<ConnectionField> fields = Set.of(ConnectionField.DISABLE_ADDITIONAL_IDENTIFICATIONS,
                ConnectionField.ALLOW_ORGANIZATION_ACCOUNT_LINKING, ConnectionField.SAML_LOGIN_HINT);

        assertEquals(JSON.readTree("""
                {"disable_additional_identifications":true,"allow_organization_account_linking":true,
                 "saml":{"login_hint":{"mode":"custom_attribute","source":"upn"}}}"""),
                ClerkRequests.update(ClerkApi.ENTERPRISE, "entconn_1", extended, fields).body());
        assertEquals(JSON.readTree("""
                {"disable_additional_identifications":true,"allow_organization_account_linking":true,
                 "login_hint":{"mode":"custom_attribute","source":"upn"}}"""),
                ClerkRequests.update(ClerkApi.SAML, "samlc_1", extended, fields).body());
    }

    @Test
    void anEmptyListOfCustomAttributesIsSentAsNone() throws Exception {
        ConnectionSpec none = new ConnectionSpec("t_acme", "idp_3", 2, "n", Protocol.SAML, "saml_okta",
                List.of("acme.com"), null, null, null, null, null, List.of(), null, null);

        assertEquals(JSON.readTree("{\"custom_attributes\":[]}"), ClerkRequests.update(ClerkApi.ENTERPRISE,
                "entconn_1", none, Set.of(ConnectionField.CUSTOM_ATTRIBUTES)).body());
        assertFalse(ClerkRequests.create(ClerkApi.ENTERPRISE, none).body().has("custom_attributes"));
    }

    @Test
    void updateOnlyExtensionsAreConfirmedByCreateWhereClerksAnswerHoldsThem() throws Exception {
        Set<ConnectionField> confirmed = ClerkRequests.confirmedByCreate(ClerkApi.SAML, extended, JSON.readTree(
                "{\"disable_additional_identifications\":true,\"allow_organization_account_linking\":false}"));

        assertEquals(Set.of(ConnectionField.DISABLE_ADDITIONAL_IDENTIFICATIONS), confirmed);
    }
}
