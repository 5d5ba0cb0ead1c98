package io.ssosync.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class EventDigestTest {

    private static final String DATA = "{\"tenantId\":\"t_acme\",\"connectionKey\":\"idp_1\",\"version\":3,"
            + "\"domains\":[\"acme.com\",\"acme.org\"],\"saml\":{\"b\":1,\"a\":null}}";

    @Test
    void sameContentInEitherBindingAndAnyKeyOrderHasOneDigest() {
        CloudEvent structured = CloudEventParser.parse(Map.of(), ("{\"specversion\":\"1.0\",\"id\":\"e1\","
                + "\"source\":\"/idp-registry\",\"type\":\"idp.connection.deleted\",\"subject\":\"idp_1\","
                + "\"time\":\"2026-11-25T10:00:00Z\",\"data\":" + DATA + "}").getBytes(UTF_8));
        CloudEvent binary = CloudEventParser.parse(Map.of("ce_specversion", "1.0", "ce_id", "e1",
                "ce_source", "/idp-registry", "ce_type", "idp.connection.deleted", "ce_subject", "idp_1"),
                ("{ \"saml\": {\"a\": null, \"b\": 1}, \"version\": 3, \"domains\": [\"acme.com\", \"acme.org\"],"
                        + " \"connectionKey\": \"idp_1\", \"tenantId\": \"t_acme\" }").getBytes(UTF_8));

        assertEquals(EventDigest.of(structured), EventDigest.of(binary));
    }

    @Test
    void typeSubjectDataAndArrayOrderCount() {
        CloudEvent base = event("idp.connection.deleted", "idp_1", DATA);
        String digest = EventDigest.of(base);

        assertNotEquals(digest, EventDigest.of(event("tenant.deleted", "idp_1", DATA)));
        assertNotEquals(digest, EventDigest.of(event("idp.connection.deleted", "idp_2", DATA)));
        assertNotEquals(digest, EventDigest.of(event("idp.connection.deleted", "idp_1", DATA.replace("3", "4"))));
        assertNotEquals(digest, EventDigest.of(event("idp.connection.deleted", "idp_1",
                DATA.replace("[\"acme.com\",\"acme.org\"]", "[\"acme.org\",\"acme.com\"]"))));
    }

    @Test
    void idTimeAndSourceAreNotContent() {
        CloudEvent one = CloudEventParser.parse(Map.of("ce_specversion", "1.0", "ce_id", "e1", "ce_source", "/a",
                "ce_type", "t", "ce_time", "2026-11-25T10:00:00Z"), DATA.getBytes(UTF_8));
        CloudEvent other = CloudEventParser.parse(Map.of("ce_specversion", "1.0", "ce_id", "e2", "ce_source", "/b",
                "ce_type", "t", "ce_time", "2026-11-26T10:00:00Z"), DATA.getBytes(UTF_8));
        assertEquals(EventDigest.of(one), EventDigest.of(other));
    }

    private static CloudEvent event(String type, String subject, String data) {
        return CloudEventParser.parse(Map.of("ce_specversion", "1.0", "ce_id", "e1", "ce_source", "/idp-registry",
                "ce_type", type, "ce_subject", subject), data.getBytes(UTF_8));
    }
}
