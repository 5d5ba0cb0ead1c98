package io.ssosync.sync.domain;

import java.util.EnumSet;
import java.util.Set;

/** The two Clerk APIs that hold SSO connections, and what each can carry. */
public enum ClerkApi {
    /** {@code /v1/enterprise_connections}: SAML and OIDC, Clerk's current API. */
    ENTERPRISE(EnumSet.of(ConnectionField.SYNC_USER_ATTRIBUTES, ConnectionField.DISABLE_ADDITIONAL_IDENTIFICATIONS),
            EnumSet.noneOf(ConnectionField.class)),
    /** {@code /v1/saml_connections}: deprecated by Clerk, SAML only. */
    SAML(EnumSet.of(ConnectionField.ACTIVE, ConnectionField.SYNC_USER_ATTRIBUTES,
            ConnectionField.SAML_ALLOW_SUBDOMAINS, ConnectionField.SAML_ALLOW_IDP_INITIATED,
            ConnectionField.DISABLE_ADDITIONAL_IDENTIFICATIONS, ConnectionField.ALLOW_ORGANIZATION_ACCOUNT_LINKING),
            EnumSet.of(ConnectionField.CUSTOM_ATTRIBUTES));

    private final Set<ConnectionField> updateOnly;
    private final Set<ConnectionField> unsupported;

    ClerkApi(Set<ConnectionField> updateOnly, Set<ConnectionField> unsupported) {
        this.updateOnly = updateOnly;
        this.unsupported = unsupported;
    }

    /** Fields the create call of this API does not accept; they follow in an update right after. */
    public Set<ConnectionField> updateOnlyFields() {
        return EnumSet.copyOf(updateOnly);
    }

    /** Fields neither call of this API accepts: a spec that sets one cannot be held there. */
    public Set<ConnectionField> unsupportedFields() {
        return EnumSet.copyOf(unsupported);
    }

    public boolean supports(Protocol protocol) {
        return this == ENTERPRISE || protocol == Protocol.SAML;
    }
}
