package io.ssosync.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ssosync.testing.CloudEvents;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.clerksim.SampleCertificates;

/**
 * The bench's events: SAML connections as the contract has them, each created in Clerk by exactly one POST
 * (without {@code syncUserAttributes}, which the enterprise API takes only in a follow-up update), and told
 * apart in Clerk's requests by their one domain.
 */
final class BenchEvents {

    private BenchEvents() {
    }

    /** Connection {@code i} of a run, at the given version; the same {@code i} and version give the same content. */
    static ObjectNode connection(String run, int i, long version) {
        String tenant = "t_" + run + "_" + (i % 50);
        ObjectNode spec = RegistryEvents.samlSpec(tenant, "idp_" + run + "_" + i, version, domain(run, i));
        spec.put("name", "Bench " + run + " " + i);
        spec.remove("syncUserAttributes");
        ((ObjectNode) spec.get("saml")).put("idpCertificate", SampleCertificates.IDP_1);
        return spec;
    }

    static String domain(String run, int i) {
        return "c" + i + "." + run + ".bench.example.com";
    }

    /** The structured CloudEvent of an upsert, under a new event id. */
    static byte[] upserted(ObjectNode spec) {
        return RegistryEvents.upserted(spec).cloudEvent().structuredValue();
    }

    static String key(ObjectNode spec) {
        return spec.get("tenantId").asText();
    }

    /** The structured mode's header, as the registry sends it. */
    static String contentType() {
        return CloudEvents.STRUCTURED_CONTENT_TYPE;
    }
}
