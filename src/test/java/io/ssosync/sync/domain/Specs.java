package io.ssosync.sync.domain;

import java.util.List;

import io.ssosync.testing.clerksim.SampleCertificates;

/** Contract-shaped specs for tests; a SAML one carries a certificate that parses, as Clerk requires. */
public final class Specs {

    private Specs() {
    }

    public static ConnectionSpec saml(String tenantId, String connectionKey, long version, String domain) {
        return new ConnectionSpec(tenantId, connectionKey, version, "Acme Okta", Protocol.SAML, "saml_okta",
                List.of(domain), null, true, null, null, null, null,
                new SamlSettings("http://www.okta.com/exk1", "https://acme.okta.com/app/x/sso/saml", SampleCertificates.IDP_1,
                        null, null, false, false, false, new AttributeMapping(null, "email", "firstName", "lastName"), null),
                null);
    }

    public static ConnectionSpec oidc(String tenantId, String connectionKey, long version, String domain) {
        return new ConnectionSpec(tenantId, connectionKey, version, "Acme Entra", Protocol.OIDC, "oidc_custom",
                List.of(domain), null, true, null, null, null, null, null,
                new OidcSettings("https://login.acme.test/.well-known/openid-configuration", null, null, null,
                        "client-123", "s3cr3t-value", false));
    }

    /** The spec with the four contract extensions set: Clerk's newer settings. */
    public static ConnectionSpec extended(ConnectionSpec spec) {
        SamlSettings saml = spec.saml();
        return new ConnectionSpec(spec.tenantId(), spec.connectionKey(), spec.version(), spec.name(), spec.protocol(),
                spec.provider(), spec.domains(), spec.organizationId(), spec.active(), spec.syncUserAttributes(),
                true, true, List.of(new CustomAttribute("Department", "department", "dept", "urn:dept", null, false)),
                saml == null ? null : new SamlSettings(saml.idpEntityId(), saml.idpSsoUrl(), saml.idpCertificate(),
                        saml.idpMetadataUrl(), saml.idpMetadata(), saml.allowIdpInitiated(), saml.allowSubdomains(),
                        saml.forceAuthn(), saml.attributeMapping(), new LoginHint("custom_attribute", "upn")),
                spec.oidc());
    }

    public static ConnectionSpec renamed(ConnectionSpec spec, String name, long version) {
        return new ConnectionSpec(spec.tenantId(), spec.connectionKey(), version, name, spec.protocol(),
                spec.provider(), spec.domains(), spec.organizationId(), spec.active(), spec.syncUserAttributes(),
                spec.disableAdditionalIdentifications(), spec.allowOrganizationAccountLinking(),
                spec.customAttributes(), spec.saml(), spec.oidc());
    }

    public static ConnectionSpec withProvider(ConnectionSpec spec, String provider, long version) {
        return new ConnectionSpec(spec.tenantId(), spec.connectionKey(), version, spec.name(), spec.protocol(),
                provider, spec.domains(), spec.organizationId(), spec.active(), spec.syncUserAttributes(),
                spec.disableAdditionalIdentifications(), spec.allowOrganizationAccountLinking(),
                spec.customAttributes(), spec.saml(), spec.oidc());
    }
}
