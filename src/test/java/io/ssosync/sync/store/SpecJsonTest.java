package io.ssosync.sync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void specsWrittenAsOneArrayReadBackOneByOneWithTheirSecretsSealedAndNullsKept() throws Exception {
        ConnectionSpec saml = Specs.saml("t_acme", "idp_1", 1, "acme.com");
        ConnectionSpec oidc = Specs.oidc("t_acme", "idp_2", 3, "acme.org");

        JsonNode written = JSON.readTree(specs.batch().array(Arrays.asList(saml, null, oidc)));

        assertEquals(3, written.size());
        assertEquals(saml, specs.read(JSON.writeValueAsString(written.get(0))));
        assertTrue(written.get(1).isNull());
        assertEquals(oidc, specs.read(JSON.writeValueAsString(written.get(2))));
        assertFalse(written.toString().contains(oidc.oidc().clientSecret()), "the client secret is sealed");
        assertFalse(written.toString().contains(saml.saml().idpCertificate()), "the certificate is sealed");
    }

    @Test
    void aSpecTheStatementsOfABatchShareIsSealedOnceAndStoredAlikeByEach() throws Exception {
        ConnectionSpec saml = Specs.saml("t_acme", "idp_1", 1, "acme.com");
        SpecJson.Batch batch = specs.batch();

        JsonNode states = JSON.readTree(batch.array(Arrays.asList(saml)));
        JsonNode commands = JSON.readTree(batch.array(Arrays.asList(null, saml)));
        JsonNode anotherBatch = JSON.readTree(specs.batch().array(Arrays.asList(saml)));

        assertEquals(states.get(0), commands.get(1), "one sealing: the same nonce, so the same stored text");
        assertNotEquals(states.get(0), anotherBatch.get(0), "each sealing draws a fresh nonce");
        assertEquals(saml, specs.read(JSON.writeValueAsString(commands.get(1))));
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
