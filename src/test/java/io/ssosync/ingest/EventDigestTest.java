package io.ssosync.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

import io.ssosync.testing.CloudEvents;

class EventDigestTest {

    private static final String DATA = "{\"tenantId\":\"t_acme\",\"connectionKey\":\"idp_1\",\"version\":3,"
            + "\"domains\":[\"acme.com\",\"acme.org\"],\"saml\":{\"b\":1,\"a\":null}}";
    private static final CloudEvents DELETED = CloudEvents.event("idp.connection.deleted").id("e1").subject("idp_1");

    @Test
    void sameContentInEitherBindingAndAnyKeyOrderHasOneDigest() {
        CloudEvent structured = parse(DELETED.rawData(DATA).structuredWithoutHeaders());
        CloudEvent binary = parse(DELETED.rawData("{ \"saml\": {\"a\": null, \"b\": 1}, \"version\": 3,"
                + " \"domains\": [\"acme.com\", \"acme.org\"], \"connectionKey\": \"idp_1\", \"tenantId\": \"t_acme\" }")
                .binary());

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
        CloudEvents event = CloudEvents.event("t").rawData(DATA);
        CloudEvent one = parse(event.id("e1").source("/a").time("2026-11-25T10:00:00Z").binary());
        CloudEvent other = parse(event.id("e2").source("/b").time("2026-11-26T10:00:00Z").binary());
        assertEquals(EventDigest.of(one), EventDigest.of(other));
    }

    @Test
    void theEarlierFormIsWhatEarlierVersionsStoredForTheSameEventAndTheCurrentFormIsToldApart() {
        // The inbox keeps digests to tell a redelivery from a conflict: a redelivery of an event recorded before an
        // upgrade is compared in the form stored then. Recorded by the version before 2026-12-07, which sorted a
        // copy of the tree: keys unsorted at every level, objects inside arrays.
        CloudEvent event = event("idp.connection.upserted", "idp_1", "{\"version\":3,\"tenantId\":\"t_acme\","
                + "\"saml\":{\"z\":[{\"b\":2,\"a\":1},{\"d\":[],\"c\":{}}],\"idpEntityId\":\"e\\u00e9\",\"a\":1.50},"
                + "\"domains\":[\"b.com\",\"a.com\"],\"connectionKey\":\"idp_1\"}");

        assertEquals("a5f4a85f811f284bfbc63fc90b53070d05ea9328173d9bd74545446f9b14b859", EventDigest.earlier(event));
        // And by this version, in the form it stores: a change of the form needs a prefix of its own.
        assertEquals("v2:dbcf66746f474cb878b94b678a926619b6b0b26f1789682ed6e6627823049e3a", EventDigest.of(event));
    }

    @Test
    void textsAreToldApartByWhereTheyEndAndValuesByTheirKind() {
        assertNotEquals(EventDigest.of(event("t", "s", "{\"a\":\"bc\",\"d\":\"\"}")),
                EventDigest.of(event("t", "s", "{\"a\":\"b\",\"d\":\"c\"}")));
        assertNotEquals(EventDigest.of(event("t", "s", "{\"a\":\"1\"}")), EventDigest.of(event("t", "s", "{\"a\":1}")));
        assertNotEquals(EventDigest.of(event("t", "s", "{\"a\":null}")),
                EventDigest.of(event("t", "s", "{\"a\":\"\"}")));
        assertNotEquals(EventDigest.of(event("t", "s", "{\"a\":[[1],[]]}")),
                EventDigest.of(event("t", "s", "{\"a\":[[],[1]]}")));
        assertNotEquals(EventDigest.of(event("t", null, "{}")), EventDigest.of(event("t", "", "{}")));
    }

    private static CloudEvent event(String type, String subject, String data) {
        return parse(DELETED.type(type).subject(subject).rawData(data).binary());
    }

    private static CloudEvent parse(CloudEvents.Encoded record) {
        return CloudEventParser.parse(record.headers(), record.value());
    }
}
