package io.ssosync.sync.domain;

/** IdP settings of a SAML connection. {@code idpCertificate} is a secret. */
public record SamlSettings(
        String idpEntityId,
        String idpSsoUrl,
        String idpCertificate,
        String idpMetadataUrl,
        String idpMetadata,
        Boolean allowIdpInitiated,
        Boolean allowSubdomains,
        Boolean forceAuthn,
        AttributeMapping attributeMapping) {

    public static final SamlSettings EMPTY = new SamlSettings(null, null, null, null, null, null, null, null, null);
}
