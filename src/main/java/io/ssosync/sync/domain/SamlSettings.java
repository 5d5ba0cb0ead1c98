package io.ssosync.sync.domain;

/**
 * IdP settings of a SAML connection, and the login hint Clerk sends the IdP (Clerk keeps it with the SAML
 * settings). {@code idpCertificate} and {@code idpMetadata} are secrets.
 */
public record SamlSettings(
        String idpEntityId,
        String idpSsoUrl,
        String idpCertificate,
        String idpMetadataUrl,
        String idpMetadata,
        Boolean allowIdpInitiated,
        Boolean allowSubdomains,
        Boolean forceAuthn,
        AttributeMapping attributeMapping,
        LoginHint loginHint) {

    public static final SamlSettings EMPTY = new SamlSettings(null, null, null, null, null, null, null, null, null,
            null);

    public SamlSettings withAllowIdpInitiated(Boolean value) {
        return new SamlSettings(idpEntityId, idpSsoUrl, idpCertificate, idpMetadataUrl, idpMetadata, value,
                allowSubdomains, forceAuthn, attributeMapping, loginHint);
    }

    public SamlSettings withAllowSubdomains(Boolean value) {
        return new SamlSettings(idpEntityId, idpSsoUrl, idpCertificate, idpMetadataUrl, idpMetadata,
                allowIdpInitiated, value, forceAuthn, attributeMapping, loginHint);
    }

    /** The same settings with the secrets (certificate, metadata) replaced. */
    public SamlSettings withSecrets(String certificate, String metadata) {
        return new SamlSettings(idpEntityId, idpSsoUrl, certificate, idpMetadataUrl, metadata, allowIdpInitiated,
                allowSubdomains, forceAuthn, attributeMapping, loginHint);
    }
}
