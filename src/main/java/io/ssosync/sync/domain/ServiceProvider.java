package io.ssosync.sync.domain;

/**
 * Clerk's side of a SAML connection, as Clerk's answers give it: what the IdP's administrator enters
 * on their side. Clerk returns nothing of the kind for OIDC connections (their redirect URL is not
 * part of the Backend API's answers).
 */
public record ServiceProvider(String acsUrl, String spEntityId, String spMetadataUrl) {

    /** Null when Clerk gave none of the three. */
    public static ServiceProvider of(String acsUrl, String spEntityId, String spMetadataUrl) {
        return acsUrl == null && spEntityId == null && spMetadataUrl == null ? null
                : new ServiceProvider(acsUrl, spEntityId, spMetadataUrl);
    }
}
