package io.ssosync.sync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

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
