package io.ssosync.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssosync.sync.domain.AttributeMapping;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.OidcSettings;
import io.ssosync.sync.domain.Protocol;
import io.ssosync.sync.domain.RegistryEvent;
import io.ssosync.sync.domain.SamlSettings;

/** Checks an event's data against the IdP registry contract and turns it into a {@link RegistryEvent}. */
public final class ContractReader {

    static final int MAX_ID_LENGTH = 128;

    /** The providers Clerk's spec (bapi.yml, 2026-05-12) accepts, by protocol. */
    static final Set<String> SAML_PROVIDERS = Set.of("saml_custom", "saml_okta", "saml_google", "saml_microsoft");
    static final Set<String> OIDC_PROVIDERS = Set.of("oidc_custom", "oidc_github_enterprise", "oidc_gitlab");

    // A lower-case fully qualified domain name: labels of letters, digits and inner hyphens, and a TLD of letters.
    private static final Pattern DOMAIN = Pattern.compile(
            "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

    private ContractReader() {
    }

    /** The event, or empty for a type the contract does not know (skipped, never an error). */
    public static Optional<RegistryEvent> read(String type, JsonNode data) {
        JsonFields fields = new JsonFields(data, "data");
        if (EventTypes.UPSERT_ALIASES.contains(type)) {
            return Optional.of(new RegistryEvent.ConnectionUpserted(spec(fields)));
        }
        return switch (type) {
            case EventTypes.CONNECTION_DELETED -> Optional.of(new RegistryEvent.ConnectionDeleted(
                    fields.requiredText("tenantId", MAX_ID_LENGTH),
                    fields.requiredText("connectionKey", MAX_ID_LENGTH),
                    fields.requiredVersion("version")));
            case EventTypes.TENANT_CREATED -> Optional.of(tenantCreated(fields));
            case EventTypes.TENANT_DELETED -> Optional.of(new RegistryEvent.TenantDeleted(
                    fields.requiredText("tenantId", MAX_ID_LENGTH),
                    fields.requiredVersion("version")));
            default -> Optional.empty();
        };
    }

    private static RegistryEvent tenantCreated(JsonFields fields) {
        String tenantId = fields.requiredText("tenantId", MAX_ID_LENGTH);
        List<ConnectionSpec> connections = fields.optionalArray("connections", (node, path) -> {
            if (node == null || !node.isObject()) {
                throw new InvalidEventException(path, "must be a JSON object");
            }
            ConnectionSpec spec = spec(new JsonFields(node, path));
            if (!spec.tenantId().equals(tenantId)) {
                throw new InvalidEventException(path + ".tenantId", "must equal data.tenantId \"" + tenantId + "\"");
            }
            return spec;
        });
        return new RegistryEvent.TenantCreated(tenantId, fields.optionalText("name"),
                fields.optionalText("organizationId"), connections);
    }

    static ConnectionSpec spec(JsonFields fields) {
        String tenantId = fields.requiredText("tenantId", MAX_ID_LENGTH);
        String connectionKey = fields.requiredText("connectionKey", MAX_ID_LENGTH);
        long version = fields.requiredVersion("version");
        String name = fields.requiredText("name", 256);
        Protocol protocol = protocol(fields);
        String provider = provider(fields, protocol);
        List<String> domains = domains(fields);
        JsonFields saml = fields.optionalObject("saml");
        JsonFields oidc = fields.optionalObject("oidc");
        if (protocol == Protocol.SAML && oidc != null) {
            throw new InvalidEventException(fields.field("oidc"), "must be null when protocol is saml");
        }
        if (protocol == Protocol.OIDC && saml != null) {
            throw new InvalidEventException(fields.field("saml"), "must be null when protocol is oidc");
        }
        if (protocol == Protocol.SAML && saml == null) {
            throw new InvalidEventException(fields.field("saml"), "is missing: protocol saml needs its saml block");
        }
        if (protocol == Protocol.OIDC && oidc == null) {
            throw new InvalidEventException(fields.field("oidc"), "is missing: protocol oidc needs its oidc block");
        }
        if (fields.has("loginHint")) {
            throw new InvalidEventException(fields.field("loginHint"),
                    "is a SAML setting (Clerk keeps it with them): put it in " + fields.field("saml.loginHint"));
        }
        return new ConnectionSpec(tenantId, connectionKey, version, name, protocol, provider, domains,
                fields.optionalText("organizationId"),
                fields.optionalBoolean("active"),
                fields.optionalBoolean("syncUserAttributes"),
                fields.optionalBoolean("disableAdditionalIdentifications"),
                fields.optionalBoolean("allowOrganizationAccountLinking"),
                ClerkExtensions.customAttributes(fields),
                saml == null ? null : saml(saml),
                oidc == null ? null : oidc(oidc));
    }

    private static Protocol protocol(JsonFields fields) {
        String protocol = fields.requiredText("protocol", 16);
        return switch (protocol) {
            case "saml" -> Protocol.SAML;
            case "oidc" -> Protocol.OIDC;
            default -> throw new InvalidEventException(fields.field("protocol"),
                    "must be \"saml\" or \"oidc\", was \"" + protocol + "\"");
        };
    }

    private static String provider(JsonFields fields, Protocol protocol) {
        String provider = fields.requiredText("provider", 64);
        Set<String> allowed = protocol == Protocol.SAML ? SAML_PROVIDERS : OIDC_PROVIDERS;
        if (!allowed.contains(provider)) {
            throw new InvalidEventException(fields.field("provider"), "\"" + provider + "\" is not a "
                    + protocol.name().toLowerCase(Locale.ROOT) + " provider; expected one of " + allowed);
        }
        return provider;
    }

    private static List<String> domains(JsonFields fields) {
        List<String> domains = fields.optionalArray("domains", (node, path) -> {
            if (node == null || !node.isTextual()) {
                throw new InvalidEventException(path, "must be a string");
            }
            String domain = node.asText();
            if (!DOMAIN.matcher(domain).matches()) {
                throw new InvalidEventException(path, "\"" + domain + "\" is not a lower-case domain name");
            }
            return domain;
        });
        if (domains.isEmpty()) {
            throw new InvalidEventException(fields.field("domains"), "must list at least one domain");
        }
        if (domains.stream().distinct().count() != domains.size()) {
            throw new InvalidEventException(fields.field("domains"), "lists a domain twice");
        }
        return domains;
    }

    private static SamlSettings saml(JsonFields saml) {
        JsonFields mapping = saml.optionalObject("attributeMapping");
        return new SamlSettings(
                saml.optionalText("idpEntityId"),
                saml.optionalText("idpSsoUrl"),
                saml.optionalText("idpCertificate"),
                saml.optionalText("idpMetadataUrl"),
                saml.optionalText("idpMetadata"),
                saml.optionalBoolean("allowIdpInitiated"),
                saml.optionalBoolean("allowSubdomains"),
                saml.optionalBoolean("forceAuthn"),
                mapping == null ? null : new AttributeMapping(
                        mapping.optionalText("userId"),
                        mapping.optionalText("emailAddress"),
                        mapping.optionalText("firstName"),
                        mapping.optionalText("lastName")),
                ClerkExtensions.loginHint(saml));
    }

    private static OidcSettings oidc(JsonFields oidc) {
        return new OidcSettings(
                oidc.optionalText("discoveryUrl"),
                oidc.optionalText("authUrl"),
                oidc.optionalText("tokenUrl"),
                oidc.optionalText("userInfoUrl"),
                oidc.optionalText("clientId"),
                oidc.optionalText("clientSecret"),
                oidc.optionalBoolean("requiresPkce"));
    }
}
