package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules Clerk enforces that the OpenAPI schema cannot express. Each failure is a 422 naming the parameter,
 * with nested parameters written {@code saml.idp_sso_url}.
 */
final class ConnectionRules {

    static final Set<String> SAML_PROVIDERS = Set.of("saml_custom", "saml_okta", "saml_google", "saml_microsoft");

    // Lower-case labels of letters, digits and inner hyphens; at least two labels; a top-level label that is not
    // all digits (so "10.0.0.1" is no domain). The spec says Clerk lower-cases domains; the simulator rejects
    // upper case instead so that a client which would later compare its own spelling with Clerk's is caught.
    private static final Pattern FQDN = Pattern.compile(
            "(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?=[a-z0-9-]*[a-z])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private ConnectionRules() {
    }

    static boolean isSaml(String provider) {
        return SAML_PROVIDERS.contains(provider);
    }

    /** Checks every domain and drops repeats; at least one must remain. */
    static ArrayNode domains(JsonNode sent, String param) {
        Set<String> unique = new LinkedHashSet<>();
        for (JsonNode domain : sent) {
            String text = domain.asText();
            if (!FQDN.matcher(text).matches()) {
                throw ClerkErrors.invalid(param, param + " contains '" + text
                        + "', which is not a lower-case fully qualified domain name.");
            }
            unique.add(text);
        }
        if (unique.isEmpty()) {
            throw ClerkErrors.unprocessable(ClerkErrors.missing(param));
        }
        ArrayNode result = Json.MAPPER.createArrayNode();
        unique.forEach(result::add);
        return result;
    }

    static void requireName(JsonNode body) {
        Json.givenText(body, "name").filter(String::isBlank)
                .ifPresent(blank -> {
                    throw ClerkErrors.invalid("name", "name must not be blank.");
                });
    }

    /** {@code organization_id} links a connection to an organization; Clerk offers no way to unlink it. */
    static void requireOrganizationId(JsonNode body, boolean update) {
        Json.givenText(body, "organization_id").ifPresent(id -> {
            if (id.isEmpty() && update) {
                throw ClerkErrors.invalid("organization_id",
                        "organization_id cannot be removed: a connection linked to an organization stays linked.");
            }
            if (!id.startsWith("org_") || id.length() == "org_".length()) {
                throw ClerkErrors.invalid("organization_id",
                        "organization_id '" + id + "' is not an organization id (org_...).");
            }
        });
    }

    /**
     * Custom attributes as Clerk keeps them: {@code directory_path} is the new name of {@code scim_path}, so either
     * sets both (the spec rejects the two with different values), and {@code multi_valued} defaults to false.
     */
    static ArrayNode customAttributes(JsonNode sent) {
        ArrayNode result = Json.MAPPER.createArrayNode();
        for (int i = 0; i < sent.size(); i++) {
            ObjectNode attribute = (ObjectNode) sent.get(i).deepCopy();
            Optional<String> scim = Json.givenText(attribute, "scim_path");
            Optional<String> directory = Json.givenText(attribute, "directory_path");
            if (scim.isPresent() && directory.isPresent() && !scim.equals(directory)) {
                String param = "custom_attributes[" + i + "].directory_path";
                throw ClerkErrors.invalid(param, param + " '" + directory.get() + "' differs from scim_path '"
                        + scim.get() + "': send either one, or both with the same value.");
            }
            scim.or(() -> directory).ifPresent(path -> attribute.put("scim_path", path).put("directory_path", path));
            if (!Json.given(attribute, "multi_valued").isPresent()) {
                attribute.put("multi_valued", false);
            }
            result.add(attribute);
        }
        return result;
    }

    static void requireUrls(JsonNode object, String prefix, String... fields) {
        for (String field : fields) {
            Json.givenText(object, field).filter(url -> !url.isBlank()).ifPresent(url -> {
                if (!isHttpUrl(url)) {
                    throw ClerkErrors.invalid(prefix + field, prefix + field + " '" + url + "' is not an http(s) URL.");
                }
            });
        }
    }

    static void requireCertificate(JsonNode object, String param) {
        Json.givenText(object, "idp_certificate").filter(cert -> !cert.isBlank()).ifPresent(cert -> {
            if (certificate(cert).isEmpty()) {
                throw ClerkErrors.invalid(param, param + " is not a valid X.509 certificate (PEM or base64 DER).");
            }
        });
    }

    /** Parses PEM (with or without the BEGIN/END lines) the way IdP metadata carries certificates. */
    static Optional<X509Certificate> certificate(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String base64 = text.replace("-----BEGIN CERTIFICATE-----", "")
                .replace("-----END CERTIFICATE-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)));
        } catch (IllegalArgumentException | CertificateException e) {
            return Optional.empty();
        }
    }

    /** What Clerk needs before a SAML connection can be active: metadata, or the three settings it holds. */
    static boolean samlConfigured(JsonNode idp) {
        return present(idp, "idp_metadata_url") || present(idp, "idp_metadata")
                || present(idp, "idp_entity_id") && present(idp, "idp_sso_url") && present(idp, "idp_certificate");
    }

    static boolean present(JsonNode object, String field) {
        return Json.givenText(object, field).filter(text -> !text.isBlank()).isPresent();
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
