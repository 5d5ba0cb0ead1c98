package io.ssosync.sync.domain;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The settings of a connection that can change in Clerk without replacing it. The provider is not
 * among them: Clerk cannot change a connection's provider, so a new provider means delete and create.
 */
public enum ConnectionField {
    NAME(ConnectionSpec::name),
    DOMAINS(ConnectionSpec::domains),
    ORGANIZATION_ID(ConnectionSpec::organizationId),
    ACTIVE(ConnectionSpec::active, spec -> spec.withActive(null)),
    SYNC_USER_ATTRIBUTES(ConnectionSpec::syncUserAttributes, spec -> spec.withSyncUserAttributes(null)),
    DISABLE_ADDITIONAL_IDENTIFICATIONS(ConnectionSpec::disableAdditionalIdentifications,
            spec -> spec.withDisableAdditionalIdentifications(null)),
    ALLOW_ORGANIZATION_ACCOUNT_LINKING(ConnectionSpec::allowOrganizationAccountLinking,
            spec -> spec.withAllowOrganizationAccountLinking(null)),
    CUSTOM_ATTRIBUTES(ConnectionSpec::customAttributes),

    SAML_IDP_ENTITY_ID(saml(SamlSettings::idpEntityId)),
    SAML_IDP_SSO_URL(saml(SamlSettings::idpSsoUrl)),
    SAML_IDP_CERTIFICATE(saml(SamlSettings::idpCertificate)),
    SAML_IDP_METADATA_URL(saml(SamlSettings::idpMetadataUrl)),
    SAML_IDP_METADATA(saml(SamlSettings::idpMetadata)),
    SAML_ALLOW_IDP_INITIATED(saml(SamlSettings::allowIdpInitiated), withSaml(saml -> saml.withAllowIdpInitiated(null))),
    SAML_ALLOW_SUBDOMAINS(saml(SamlSettings::allowSubdomains), withSaml(saml -> saml.withAllowSubdomains(null))),
    SAML_FORCE_AUTHN(saml(SamlSettings::forceAuthn)),
    SAML_ATTRIBUTE_MAPPING(saml(SamlSettings::attributeMapping)),
    SAML_LOGIN_HINT(saml(SamlSettings::loginHint)),

    OIDC_DISCOVERY_URL(oidc(OidcSettings::discoveryUrl)),
    OIDC_AUTH_URL(oidc(OidcSettings::authUrl)),
    OIDC_TOKEN_URL(oidc(OidcSettings::tokenUrl)),
    OIDC_USER_INFO_URL(oidc(OidcSettings::userInfoUrl)),
    OIDC_CLIENT_ID(oidc(OidcSettings::clientId)),
    OIDC_CLIENT_SECRET(oidc(OidcSettings::clientSecret)),
    OIDC_REQUIRES_PKCE(oidc(OidcSettings::requiresPkce));

    private final Function<ConnectionSpec, Object> reader;
    private final UnaryOperator<ConnectionSpec> clearer;

    ConnectionField(Function<ConnectionSpec, Object> reader) {
        this(reader, null);
    }

    ConnectionField(Function<ConnectionSpec, Object> reader, UnaryOperator<ConnectionSpec> clearer) {
        this.reader = reader;
        this.clearer = clearer;
    }

    public Object read(ConnectionSpec spec) {
        return reader.apply(spec);
    }

    public boolean isSecret() {
        return this == SAML_IDP_CERTIFICATE || this == OIDC_CLIENT_SECRET;
    }

    ConnectionSpec clear(ConnectionSpec spec) {
        if (clearer == null) {
            throw new IllegalArgumentException(this + " is accepted on every create and is never cleared");
        }
        return clearer.apply(spec);
    }

    /** The fields whose values differ between two specs of the same provider. */
    public static Set<ConnectionField> changed(ConnectionSpec from, ConnectionSpec to) {
        EnumSet<ConnectionField> changed = EnumSet.noneOf(ConnectionField.class);
        for (ConnectionField field : values()) {
            if (!Objects.equals(field.read(from), field.read(to))) {
                changed.add(field);
            }
        }
        return changed;
    }

    /** The fields the spec sets (non-null, non-empty). */
    public static Set<ConnectionField> present(ConnectionSpec spec) {
        EnumSet<ConnectionField> present = EnumSet.noneOf(ConnectionField.class);
        for (ConnectionField field : values()) {
            Object value = field.read(spec);
            if (value != null && !(value instanceof java.util.Collection<?> c && c.isEmpty())) {
                present.add(field);
            }
        }
        return present;
    }

    private static Function<ConnectionSpec, Object> saml(Function<SamlSettings, Object> reader) {
        return spec -> spec.saml() == null ? null : reader.apply(spec.saml());
    }

    private static Function<ConnectionSpec, Object> oidc(Function<OidcSettings, Object> reader) {
        return spec -> spec.oidc() == null ? null : reader.apply(spec.oidc());
    }

    private static UnaryOperator<ConnectionSpec> withSaml(UnaryOperator<SamlSettings> edit) {
        return spec -> spec.saml() == null ? spec : spec.withIdpSettings(edit.apply(spec.saml()), spec.oidc());
    }
}
