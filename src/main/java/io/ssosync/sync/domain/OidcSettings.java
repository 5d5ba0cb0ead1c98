package io.ssosync.sync.domain;

/** IdP settings of an OIDC connection. {@code clientSecret} is a secret. */
public record OidcSettings(
        String discoveryUrl,
        String authUrl,
        String tokenUrl,
        String userInfoUrl,
        String clientId,
        String clientSecret,
        Boolean requiresPkce) {

    public static final OidcSettings EMPTY = new OidcSettings(null, null, null, null, null, null, null);
}
