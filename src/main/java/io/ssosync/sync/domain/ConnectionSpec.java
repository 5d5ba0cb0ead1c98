package io.ssosync.sync.domain;

import java.util.List;
import java.util.Set;

/**
 * The full desired state of one SSO connection, as the IdP registry announces it.
 * Optional settings are null where the registry leaves them to Clerk's defaults (or to what Clerk holds).
 * {@code customAttributes} is null when not given and empty when the registry wants none.
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
        Boolean disableAdditionalIdentifications,
        Boolean allowOrganizationAccountLinking,
        List<CustomAttribute> customAttributes,
        SamlSettings saml,
        OidcSettings oidc) {

    public ConnectionSpec {
        domains = domains == null ? List.of() : List.copyOf(domains);
        customAttributes = customAttributes == null ? null : List.copyOf(customAttributes);
    }

    public ConnectionSpec withVersion(long newVersion) {
        return new ConnectionSpec(tenantId, connectionKey, newVersion, name, protocol, provider, domains,
                organizationId, active, syncUserAttributes, disableAdditionalIdentifications,
                allowOrganizationAccountLinking, customAttributes, saml, oidc);
    }

    public ConnectionSpec withOrganizationId(String newOrganizationId) {
        return new ConnectionSpec(tenantId, connectionKey, version, name, protocol, provider, domains,
                newOrganizationId, active, syncUserAttributes, disableAdditionalIdentifications,
                allowOrganizationAccountLinking, customAttributes, saml, oidc);
    }

    public ConnectionSpec withActive(Boolean value) {
        return new ConnectionSpec(tenantId, connectionKey, version, name, protocol, provider, domains,
                organizationId, value, syncUserAttributes, disableAdditionalIdentifications,
                allowOrganizationAccountLinking, customAttributes, saml, oidc);
    }

    public ConnectionSpec withSyncUserAttributes(Boolean value) {
        return new ConnectionSpec(tenantId, connectionKey, version, name, protocol, provider, domains,
                organizationId, active, value, disableAdditionalIdentifications,
                allowOrganizationAccountLinking, customAttributes, saml, oidc);
    }

    public ConnectionSpec withDisableAdditionalIdentifications(Boolean value) {
        return new ConnectionSpec(tenantId, connectionKey, version, name, protocol, provider, domains,
                organizationId, active, syncUserAttributes, value, allowOrganizationAccountLinking,
                customAttributes, saml, oidc);
    }

    public ConnectionSpec withAllowOrganizationAccountLinking(Boolean value) {
        return new ConnectionSpec(tenantId, connectionKey, version, name, protocol, provider, domains,
                organizationId, active, syncUserAttributes, disableAdditionalIdentifications, value,
                customAttributes, saml, oidc);
    }

    public ConnectionSpec withIdpSettings(SamlSettings newSaml, OidcSettings newOidc) {
        return new ConnectionSpec(tenantId, connectionKey, version, name, protocol, provider, domains,
                organizationId, active, syncUserAttributes, disableAdditionalIdentifications,
                allowOrganizationAccountLinking, customAttributes, newSaml, newOidc);
    }

    /** The same spec with the given fields cleared: what Clerk holds after a call that could not carry them. */
    public ConnectionSpec without(Set<ConnectionField> fields) {
        ConnectionSpec result = this;
        for (ConnectionField field : fields) {
            result = field.clear(result);
        }
        return result;
    }
}
