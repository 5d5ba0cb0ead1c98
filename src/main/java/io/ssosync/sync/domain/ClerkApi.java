package io.ssosync.sync.domain;

import java.util.EnumSet;
import java.util.Set;

/** The two Clerk APIs that hold SSO connections, and what each can carry. */
public enum ClerkApi {
    /** {@code /v1/enterprise_connections}: SAML and OIDC, Clerk's current API. */
    ENTERPRISE(EnumSet.of(ConnectionField.SYNC_USER_ATTRIBUTES)),
    /** {@code /v1/saml_connections}: deprecated by Clerk, SAML only. */
    SAML(EnumSet.of(ConnectionField.ACTIVE, ConnectionField.SYNC_USER_ATTRIBUTES,
            ConnectionField.SAML_ALLOW_SUBDOMAINS, ConnectionField.SAML_ALLOW_IDP_INITIATED));

    private final Set<ConnectionField> updateOnly;

    ClerkApi(Set<ConnectionField> updateOnly) {
        this.updateOnly = updateOnly;
    }

    /** Fields the create call of this API does not accept; they follow in an update right after. */
    public Set<ConnectionField> updateOnlyFields() {
        return updateOnly;
    }

    public boolean supports(Protocol protocol) {
        return this == ENTERPRISE || protocol == Protocol.SAML;
    }
}
