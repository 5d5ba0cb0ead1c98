package io.ssosync.testing;

import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ssosync.testing.clerksim.SampleCertificates;

/**
 * Builds contract ConnectionSpecs (shared/contract/idp-registry-events.md) that the service accepts and Clerk's
 * rules (as the simulator checks them) accept too: a SAML spec carries a certificate that parses as X.509. A test
 * names only what it is about; {@link #build()} gives a fresh tree each time, to send or to spoil.
 */
public final class ConnectionSpecs {

    public static final String OIDC_CLIENT_SECRET = "OIDC-TOP-SECRET";

    private final ObjectNode spec;

    private ConnectionSpecs(ObjectNode spec) {
        this.spec = spec;
    }

    /** SAML (Okta) at version 1 with the contract example's settings and a parseable certificate. */
    public static ConnectionSpecs saml(String tenantId, String connectionKey) {
        ObjectNode spec = base(tenantId, connectionKey, "Acme Okta", "saml", "saml_okta");
        ObjectNode saml = spec.putObject("saml");
        saml.put("idpEntityId", "http://www.okta.com/exk1");
        saml.put("idpSsoUrl", "https://acme.okta.com/app/x/sso/saml");
        saml.put("idpCertificate", SampleCertificates.IDP_1);
        saml.putNull("idpMetadataUrl");
        saml.putNull("idpMetadata");
        saml.put("allowIdpInitiated", false);
        saml.put("allowSubdomains", false);
        saml.put("forceAuthn", false);
        ObjectNode mapping = saml.putObject("attributeMapping");
        mapping.putNull("userId");
        mapping.put("emailAddress", "email");
        mapping.put("firstName", "firstName");
        mapping.put("lastName", "lastName");
        spec.putNull("oidc");
        return new ConnectionSpecs(spec);
    }

    /** OIDC (custom, by discovery URL) at version 1 with a client id and {@link #OIDC_CLIENT_SECRET}. */
    public static ConnectionSpecs oidc(String tenantId, String connectionKey) {
        ObjectNode spec = base(tenantId, connectionKey, "Acme Entra", "oidc", "oidc_custom");
        spec.putNull("saml");
        ObjectNode oidc = spec.putObject("oidc");
        oidc.put("discoveryUrl", "https://login.acme.test/.well-known/openid-configuration");
        oidc.putNull("authUrl");
        oidc.putNull("tokenUrl");
        oidc.putNull("userInfoUrl");
        oidc.put("clientId", "client-123");
        oidc.put("clientSecret", OIDC_CLIENT_SECRET);
        oidc.put("requiresPkce", false);
        return new ConnectionSpecs(spec);
    }

    private static ObjectNode base(String tenantId, String connectionKey, String name, String protocol,
            String provider) {
        ObjectNode spec = RegistryEvents.JSON.createObjectNode();
        spec.put("tenantId", tenantId);
        spec.put("connectionKey", connectionKey);
        spec.put("version", 1);
        spec.put("name", name);
        spec.put("protocol", protocol);
        spec.put("provider", provider);
        spec.putArray("domains").add(connectionKey.toLowerCase().replace('_', '-') + ".example.com");
        spec.putNull("organizationId");
        spec.put("active", true);
        spec.put("syncUserAttributes", true);
        return spec;
    }

    public ConnectionSpecs version(long version) {
        return with(spec -> spec.put("version", version));
    }

    public ConnectionSpecs name(String name) {
        return with(spec -> spec.put("name", name));
    }

    public ConnectionSpecs provider(String provider) {
        return with(spec -> spec.put("provider", provider));
    }

    public ConnectionSpecs domains(String... domains) {
        return with(spec -> {
            ArrayNode list = spec.putArray("domains");
            List.of(domains).forEach(list::add);
        });
    }

    public ConnectionSpecs organizationId(String organizationId) {
        return with(spec -> spec.put("organizationId", organizationId));
    }

    public ConnectionSpecs active(boolean active) {
        return with(spec -> spec.put("active", active));
    }

    /**
     * The contract's extensions for Clerk's newer settings: additional identifications disabled, account linking
     * through organization membership allowed, one custom attribute and, on a SAML spec, a login hint taken from
     * the user's {@code upn} metadata.
     */
    public ConnectionSpecs clerkExtensions() {
        return with(spec -> {
            spec.put("disableAdditionalIdentifications", true);
            spec.put("allowOrganizationAccountLinking", true);
            spec.putArray("customAttributes").addObject().put("name", "Department").put("key", "department")
                    .put("ssoPath", "dept").put("scimPath", "urn:dept").put("multiValued", false);
            if (spec.get("saml").isObject()) {
                ((ObjectNode) spec.get("saml")).putObject("loginHint").put("mode", "custom_attribute")
                        .put("source", "upn");
            }
        });
    }

    /** The SAML certificate, e.g. {@link SampleCertificates#IDP_2} for a rotation. */
    public ConnectionSpecs certificate(String certificate) {
        return with(spec -> ((ObjectNode) spec.get("saml")).put("idpCertificate", certificate));
    }

    public ConnectionSpecs clientSecret(String secret) {
        return with(spec -> ((ObjectNode) spec.get("oidc")).put("clientSecret", secret));
    }

    /** Any other change to a copy of the tree. */
    public ConnectionSpecs with(Consumer<ObjectNode> change) {
        ObjectNode copy = spec.deepCopy();
        change.accept(copy);
        return new ConnectionSpecs(copy);
    }

    public ObjectNode build() {
        return spec.deepCopy();
    }
}
