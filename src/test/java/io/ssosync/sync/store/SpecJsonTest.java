package io.ssosync.sync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Specs;
import io.ssosync.testing.TestKeys;

class SpecJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SpecJson specs = new SpecJson(JSON, TestKeys.box());

    @Test
    void theContractExtensionsAreStoredAndReadBack() {
        ConnectionSpec spec = Specs.extended(Specs.saml("t_acme", "idp_1", 1, "acme.com"));

        assertEquals(spec, specs.read(specs.write(spec)));
    }

    @Test
    void specsWrittenForABatchReadBackOneByOneWithTheirSecretsSealedAndNullsKept() {
        ConnectionSpec saml = Specs.saml("t_acme", "idp_1", 1, "acme.com");
        ConnectionSpec oidc = Specs.oidc("t_acme", "idp_2", 3, "acme.org");

        String[] written = utf8(specs.batch().utf8(Arrays.asList(saml, null, oidc)));

        assertEquals(3, written.length);
        assertEquals(saml, specs.read(written[0]));
        assertNull(written[1]);
        assertEquals(oidc, specs.read(written[2]));
        assertFalse(written[2].contains(oidc.oidc().clientSecret()), "the client secret is sealed");
        assertFalse(written[0].contains(saml.saml().idpCertificate()), "the certificate is sealed");
    }

    @Test
    void aSpecTheStatementsOfABatchShareIsSealedOnceAndStoredAlikeByEach() {
        ConnectionSpec saml = Specs.saml("t_acme", "idp_1", 1, "acme.com");
        SpecJson.Batch batch = specs.batch();

        String[] states = utf8(batch.utf8(Arrays.asList(saml)));
        String[] commands = utf8(batch.utf8(Arrays.asList(null, saml)));
        String[] anotherBatch = utf8(specs.batch().utf8(Arrays.asList(saml)));

        assertEquals(states[0], commands[1], "one sealing: the same nonce, so the same stored text");
        assertNotEquals(states[0], anotherBatch[0], "each sealing draws a fresh nonce");
        assertEquals(saml, specs.read(commands[1]));
    }

    private static String[] utf8(byte[][] written) {
        return Arrays.stream(written).map(json -> json == null ? null : new String(json, StandardCharsets.UTF_8))
                .toArray(String[]::new);
    }

    @Test
    void aSpecStoredBeforeTheExtensionsReadsAsLeavingThemToClerk() throws Exception {
        ConnectionSpec spec = Specs.saml("t_acme", "idp_1", 1, "acme.com");
        ObjectNode stored = (ObjectNode) JSON.readTree(specs.write(spec));
        stored.remove(java.util.List.of("disableAdditionalIdentifications", "allowOrganizationAccountLinking",
                "customAttributes"));
        ((ObjectNode) stored.get("saml")).remove("loginHint");

        ConnectionSpec read = specs.read(JSON.writeValueAsString(stored));

        assertEquals(spec, read);
        assertNull(read.customAttributes());
        assertNull(read.saml().loginHint());
    }
}
