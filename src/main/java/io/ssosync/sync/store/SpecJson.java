package io.ssosync.sync.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.crypto.SecretBox;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.OidcSettings;
import io.ssosync.sync.domain.SamlSettings;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stores specs as JSON in their contract's own (camelCase) shape, with the secret fields (the OIDC client secret,
 * the IdP certificate and metadata) sealed; the rest stays readable for operators and queries.
 */
@ApplicationScoped
public class SpecJson {

    static final String CLIENT_SECRET = "spec.oidc.clientSecret";
    static final String CERTIFICATE = "spec.saml.idpCertificate";
    static final String METADATA = "spec.saml.idpMetadata";

    private final ObjectMapper mapper;
    private final SecretBox box;

    public SpecJson(ObjectMapper mapper, SecretBox box) {
        this.mapper = mapper;
        this.box = box;
    }

    public String write(ConnectionSpec spec) {
        return spec == null ? null : new String(writeUtf8(spec), StandardCharsets.UTF_8);
    }

    private byte[] writeUtf8(ConnectionSpec spec) {
        try {
            return mapper.writeValueAsBytes(sealed(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise connection spec", e);
        }
    }

    private ConnectionSpec sealed(ConnectionSpec spec) {
        return withSecrets(spec, place -> value -> box.seal(value, place));
    }

    /** A memo for the statements of one batch: see {@link Batch}. */
    public Batch batch() {
        return new Batch();
    }

    /**
     * The specs of one batch of rows, each spec sealed and written once however many of the batch's statements
     * store it: a new connection's spec goes to its state row and to its command (serialising and sealing it twice
     * was a third of intake's CPU in a profile). Not shared between threads.
     */
    public final class Batch {

        private final Map<ConnectionSpec, byte[]> written = new IdentityHashMap<>();

        private Batch() {
        }

        /**
         * The specs as JSON in UTF-8, null where a row has none, for a statement that writes a spec per row: bound
         * as a bytea[] and cast to jsonb one by one ({@code convert_from(s, 'UTF8')::jsonb}), which parses each spec
         * once and less than a single jsonb array of them all took PostgreSQL. Not a text[]: the driver encodes
         * each text again and grows the array's buffer by copying (over a quarter of what intake allocated, in a
         * profile), where a bytea[] is copied once into a buffer of its exact size.
         */
        public byte[][] utf8(List<ConnectionSpec> specs) {
            byte[][] utf8 = new byte[specs.size()][];
            for (int i = 0; i < utf8.length; i++) {
                ConnectionSpec spec = specs.get(i);
                utf8[i] = spec == null ? null : written.computeIfAbsent(spec, SpecJson.this::writeUtf8);
            }
            return utf8;
        }
    }

    public ConnectionSpec read(String json) {
        if (json == null) {
            return null;
        }
        ConnectionSpec stored;
        try {
            stored = mapper.readValue(json, ConnectionSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored connection spec is unreadable");
        }
        return withSecrets(stored, place -> value -> box.open(value, place));
    }

    /** The key id of each secret the stored spec holds (SecretBox.CLEAR for one stored before encryption). */
    public List<String> keyIds(String json) {
        List<String> ids = new ArrayList<>();
        try {
            if (json != null) {
                withSecrets(mapper.readValue(json, ConnectionSpec.class), place -> value -> {
                    if (value != null) {
                        ids.add(SecretBox.keyIdOf(value));
                    }
                    return value;
                });
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored connection spec is unreadable");
        }
        return ids;
    }

    private static ConnectionSpec withSecrets(ConnectionSpec spec,
            Function<String, UnaryOperator<String>> transform) {
        OidcSettings oidc = spec.oidc();
        if (oidc != null && oidc.clientSecret() != null) {
            oidc = new OidcSettings(oidc.discoveryUrl(), oidc.authUrl(), oidc.tokenUrl(), oidc.userInfoUrl(),
                    oidc.clientId(), transform.apply(CLIENT_SECRET).apply(oidc.clientSecret()), oidc.requiresPkce());
        }
        SamlSettings saml = spec.saml();
        if (saml != null && (saml.idpCertificate() != null || saml.idpMetadata() != null)) {
            saml = saml.withSecrets(
                    saml.idpCertificate() == null ? null : transform.apply(CERTIFICATE).apply(saml.idpCertificate()),
                    saml.idpMetadata() == null ? null : transform.apply(METADATA).apply(saml.idpMetadata()));
        }
        return spec.withIdpSettings(saml, oidc);
    }
}
