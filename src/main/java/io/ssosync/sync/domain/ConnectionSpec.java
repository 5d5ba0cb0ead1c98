package io.ssosync.sync.domain;

import java.util.List;

/**
 * The full desired state of one SSO connection, as the IdP registry announces it.
 * Optional settings are null where the registry leaves them to Clerk's defaults.
 */
public record ConnectionSpec(
        String tenantId,
        String connectionKey,
        long version,
        String name,
        Protocol protocol,
        String provider,
        List<String> domains,
        String organizationId,
        Boolean active,
        Boolean syncUserAttributes,
        SamlSettings saml,
        OidcSettings oidc) {

    public ConnectionSpec {
        domains = domains == null ? List.of() : List.copyOf(domains);
    }

    public ConnectionSpec withVersion(long newVersion) {
        return new ConnectionSpec(tenantId, connectionKey, newVersion, name, protocol, provider, domains,
                organizationId, active, syncUserAttributes, saml, oidc);
    }

    public ConnectionSpec withOrganizationId(String newOrganizationId) {
        return new ConnectionSpec(tenantId, connectionKey, version, name, protocol, provider, domains,
                newOrganizationId, active, syncUserAttributes, saml, oidc);
    }

    /** The same spec with the given fields cleared: what Clerk holds after a call that could not carry them. */
    public ConnectionSpec without(java.util.Set<ConnectionField> fields) {
        ConnectionSpec result = this;
        for (ConnectionField field : fields) {
            result = field.clear(result);
        }
        return result;
    }
}
