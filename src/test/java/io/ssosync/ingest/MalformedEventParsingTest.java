package io.ssosync.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ssosync.sync.domain.RegistryEvent;
import io.ssosync.sync.store.InboxStore;
import io.ssosync.testing.CloudEvents;
import io.ssosync.testing.ConnectionSpecs;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.RegistryEvents.Event;
import io.ssosync.testing.clerksim.SampleCertificates;

/**
 * Every way of breaking an event that the contract rules out, in the binding(s) it can arrive in, from every
 * kind of valid event it applies to: parsing must refuse it with a reason that starts with the field the
 * mutation broke, and that reason must not quote a secret. No Quarkus, no Kafka: the parser and the contract
 * reader are called as the consumer calls them. {@link MalformedEventsTest} proves the pipeline around it.
 */
class MalformedEventParsingTest {

    private static final long SEED = Long.getLong("malformed.seed", 20261125L);
    private static final int MAX_EVENT_BYTES = 262_144;

    enum Binding { STRUCTURED, BINARY }

    /** The valid events a mutation starts from. */
    enum Base { SAML, OIDC, DELETED, TENANT_CREATED, TENANT_DELETED }

    private static final List<Base> ANY = List.of(Base.values());

    /** One way of breaking an event, in one binding, and what its rejection reason must start with. */
    record Mutation(String name, Binding binding, List<Base> bases, Pattern expected,
            BiFunction<Event, Random, CloudEvents.Encoded> make) {

        @Override
        public String toString() {
            return name + " [" + binding.name().toLowerCase() + "]";
        }
    }

    static Stream<Mutation> mutations() {
        return new Table().mutations.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void isRejectedWithAReasonNamingTheFieldItBroke(Mutation mutation) {
        Random random = new Random(SEED);
        for (Base base : mutation.bases()) {
            CloudEvents.Encoded record = mutation.make().apply(valid(base), random);
            String reason = reason(record);
            assertNotNull(reason, mutation + " of " + base + " was accepted");
            assertTrue(mutation.expected().matcher(reason).lookingAt(),
                    mutation + " of " + base + ": \"" + reason + "\" does not start with /" + mutation.expected() + "/");
            assertFalse(reason.contains(ConnectionSpecs.OIDC_CLIENT_SECRET) || reason.contains(certificateBody()),
                    mutation + " of " + base + ": the reason quotes a secret");
        }
    }

    /** What every mutation starts from is valid, in every form the contract allows: a rejection is the mutation's. */
    @ParameterizedTest
    @EnumSource(Base.class)
    void theValidEventsTheMutationsStartFromAreAccepted(Base base) {
        Event event = valid(base);
        for (CloudEvents.Encoded record : List.of(event.cloudEvent().structured(),
                event.cloudEvent().structuredWithoutHeaders(), event.cloudEvent().binary())) {
            assertNull(reason(record), base + " " + record.headers());
        }
    }

    @ParameterizedTest
    @MethodSource("upsertAliasesInEveryBinding")
    void everyUpsertAliasIsReadInEveryBinding(String type, CloudEvents.Encoded record) {
        CloudEvent event = CloudEventParser.parse(record.headers(), record.value());
        assertEquals(type, event.type());
        assertTrue(ContractReader.read(event.type(), event.data()).orElseThrow()
                instanceof RegistryEvent.ConnectionUpserted);
    }

    static Stream<Arguments> upsertAliasesInEveryBinding() {
        return Stream.of("idp.connection.upserted", "idp.connection.created", "idp.connection.updated")
                .flatMap(type -> {
                    CloudEvents event = RegistryEvents.upserted(type, spec(Base.OIDC)).cloudEvent();
                    return Stream.of(Arguments.of(type, event.structured()),
                            Arguments.of(type, event.structuredWithoutHeaders()), Arguments.of(type, event.binary()));
                });
    }

    @Test
    void anUnknownTypeIsSkippedNotRejected() {
        CloudEvents unknown = CloudEvents.event("idp.connection.archived").data(spec(Base.SAML));
        for (CloudEvents.Encoded record : List.of(unknown.structured(), unknown.binary())) {
            CloudEvent event = CloudEventParser.parse(record.headers(), record.value());
            assertEquals(Optional.empty(), ContractReader.read(event.type(), event.data()));
        }
    }

    @Test
    void aTenantCreatedWithoutConnectionsProvisionsNothing() {
        ObjectNode empty = RegistryEvents.tenantCreated("t_acme", null, List.of()).data();
        ObjectNode missing = empty.deepCopy();
        missing.remove("connections");
        for (ObjectNode data : List.of(empty, missing)) {
            RegistryEvent.TenantCreated created = (RegistryEvent.TenantCreated) ContractReader.read("tenant.created",
                    data).orElseThrow();
            assertEquals(List.of(), created.connections());
        }
    }

    @Test
    void versionZeroAndOptionalAttributesLeftOutAreValid() {
        CloudEvents event = RegistryEvents.upserted(ConnectionSpecs.oidc("t_acme", "idp_1").version(0).build())
                .cloudEvent().subject(null).time(null);
        assertNull(reason(event.structured()));
        assertNull(reason(event.binary()));
    }

    @Test
    void anEventOverTheSizeLimitIsRefusedBeforeItIsRead() {
        // The limit is the intake's, checked before parsing; a rejection never reaches the recorder.
        EventIntake intake = new EventIntake(null, MAX_EVENT_BYTES);
        Random random = new Random(SEED);
        for (Binding binding : Binding.values()) {
            ObjectNode data = spec(Base.SAML);
            ((ObjectNode) data.get("saml")).put("idpMetadata",
                    "<m>" + "x".repeat(MAX_EVENT_BYTES + random.nextInt(4096)) + "</m>");
            CloudEvents.Encoded record = encode(binding, RegistryEvents.upserted(data));
            EventIntake.Result result = intake.take(record.headers(), record.value(), InboxStore.Origin.NONE);
            assertTrue(result.rejected(), binding.name());
            assertTrue(Pattern.matches(Pattern.quote("value is ") + "\\d+ bytes, more than the " + MAX_EVENT_BYTES
                    + " allowed", result.rejection().getMessage()), result.rejection().getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The table of mutations
    // ------------------------------------------------------------------------------------------------

    private static final class Table {

        final List<Mutation> mutations = new ArrayList<>();

        Table() {
            wholeValue();
            envelope();
            binaryHeaders();
            data();
            tenantCreated();
        }

        private void wholeValue() {
            value("not JSON", "value", "is not JSON", (v, r) -> ("{not json " + r.nextInt(1000)).getBytes(UTF_8));
            value("truncated JSON", "value", "is not JSON", (v, r) -> Arrays.copyOf(v, 1 + r.nextInt(v.length - 1)));
            value("JSON followed by garbage", "value", "is not JSON", (v, r) -> concat(v, " trailing".getBytes(UTF_8)));
            value("two JSON objects in one value", "value", "is not JSON", (v, r) -> concat(v, v));
            value("not UTF-8 (Latin-1 byte in a string)", "value", "is not JSON", List.of(Base.SAML, Base.OIDC),
                    (v, r) -> latin1Name(v));
            value("empty value", "value", "is empty", (v, r) -> new byte[0]);
            value("tombstone (null value)", "value", "is empty", (v, r) -> null);
            for (Binding binding : Binding.values()) {
                String field = binding == Binding.STRUCTURED ? "value" : "data";
                valueIn(binding, "JSON array instead of object", field, "must be a JSON object", ANY,
                        (v, r) -> concat("[".getBytes(UTF_8), v, "]".getBytes(UTF_8)));
                valueIn(binding, "JSON string instead of object", field, "must be a JSON object", ANY,
                        (v, r) -> "\"idp.connection.upserted\"".getBytes(UTF_8));
                valueIn(binding, "JSON number instead of object", field, "must be a JSON object", ANY,
                        (v, r) -> String.valueOf(r.nextInt(100)).getBytes(UTF_8));
                valueIn(binding, "JSON null", field, "is missing", ANY, (v, r) -> "null".getBytes(UTF_8));
            }
        }

        private void envelope() {
            envelope("missing id", "id", "is missing", e -> e.remove("id"));
            envelope("empty id", "id", "is missing", e -> e.put("id", ""));
            envelope("blank id", "id", "is missing", e -> e.put("id", "   "));
            envelope("numeric id", "id", "must be a string", e -> e.put("id", 42));
            envelope("object id", "id", "must be a string", e -> e.putObject("id").put("uuid", "x"));
            envelope("missing type", "type", "is missing", e -> e.remove("type"));
            envelope("empty type", "type", "is missing", e -> e.put("type", ""));
            envelope("array type", "type", "must be a string", e -> e.putArray("type").add("idp.connection.upserted"));
            envelope("missing specversion", "specversion", "is missing", e -> e.remove("specversion"));
            envelope("specversion 0.3", "specversion", "must be \"1.0\"", e -> e.put("specversion", "0.3"));
            envelope("specversion 1", "specversion", "must be \"1.0\"", e -> e.put("specversion", "1"));
            envelope("numeric specversion", "specversion", "must be a string", e -> e.put("specversion", 1.0));
            envelope("missing source", "source", "is missing", e -> e.remove("source"));
            envelope("empty source", "source", "is missing", e -> e.put("source", ""));
            envelope("boolean source", "source", "must be a string", e -> e.put("source", true));
            envelope("numeric subject", "subject", "must be a string", e -> e.put("subject", 7));
            envelope("numeric time", "time", "must be a string", e -> e.put("time", 1764064800));
            envelope("missing data", "data", "is missing", e -> e.remove("data"));
            envelope("null data", "data", "is missing", e -> e.putNull("data"));
            envelope("data as a JSON string", "data", "must be a JSON object",
                    e -> e.put("data", e.get("data").toString()));
            envelope("data as an array", "data", "must be a JSON object", e -> e.putArray("data").add(e.get("id")));
            envelope("NUL character in subject", "subject", "contains a NUL character", e -> e.put("subject", "a\u0000"));
        }

        private void binaryHeaders() {
            headers("no ce_type header", "ce_type", "is missing", h -> h.remove("ce_type"));
            headers("null ce_type header", "ce_type", "is missing", h -> h.put("ce_type", null));
            headers("no ce_id header", "ce_id", "is missing", h -> h.remove("ce_id"));
            headers("empty ce_id header", "ce_id", "is missing", h -> h.put("ce_id", ""));
            headers("blank ce_id header", "ce_id", "is missing", h -> h.put("ce_id", "  "));
            headers("no ce_source header", "ce_source", "is missing", h -> h.remove("ce_source"));
            headers("blank ce_source header", "ce_source", "is missing", h -> h.put("ce_source", " "));
            headers("ce_specversion 0.3", "ce_specversion", "must be \"1.0\"", h -> h.put("ce_specversion", "0.3"));
            headers("ce_specversion 1.1", "ce_specversion", "must be \"1.0\"", h -> h.put("ce_specversion", "1.1"));
            headers("empty ce_specversion", "ce_specversion", "is missing", h -> h.put("ce_specversion", ""));
            headers("no ce_specversion: the data is read as an envelope", "specversion", "is missing",
                    h -> h.remove("ce_specversion"));
            headers("no ce_type, NUL character in another header", "ce_type", "is missing", h -> {
                h.remove("ce_type");
                h.put("x-trace", "abc\u0000def");
            });
            headers("no ce_type, NUL character in ce_id", "ce_id", "contains a NUL character", h -> {
                h.remove("ce_type");
                h.put("ce_id", h.get("ce_id") + "\u0000");
            });
            headers("NUL character in ce_subject", "ce_subject", "contains a NUL character",
                    h -> h.put("ce_subject", "idp\u0000"));
        }

        private void data() {
            data("missing tenantId", "data.tenantId", "is missing", ANY, (d, r) -> d.remove("tenantId"));
            data("over-long tenantId", "data.tenantId", "is longer than 128 characters", ANY,
                    (d, r) -> d.put("tenantId", "t_" + "x".repeat(127 + r.nextInt(200))));
            data("empty tenantId", "data.tenantId", "is missing", Base.SAML, (d, r) -> d.put("tenantId", ""));
            data("numeric tenantId", "data.tenantId", "must be a string", List.of(Base.OIDC, Base.TENANT_DELETED),
                    (d, r) -> d.put("tenantId", 17));
            List<Base> connections = List.of(Base.SAML, Base.OIDC, Base.DELETED);
            data("missing connectionKey", "data.connectionKey", "is missing", connections,
                    (d, r) -> d.remove("connectionKey"));
            data("empty connectionKey", "data.connectionKey", "is missing", Base.SAML,
                    (d, r) -> d.put("connectionKey", ""));
            data("blank connectionKey", "data.connectionKey", "is missing", Base.DELETED,
                    (d, r) -> d.put("connectionKey", "  "));
            data("over-long connectionKey", "data.connectionKey", "is longer than 128 characters",
                    List.of(Base.OIDC, Base.DELETED), (d, r) -> d.put("connectionKey", "k".repeat(129 + r.nextInt(100))));
            data("array connectionKey", "data.connectionKey", "must be a string", Base.SAML,
                    (d, r) -> d.putArray("connectionKey").add("idp_1"));
            List<Base> versioned = List.of(Base.SAML, Base.OIDC, Base.DELETED, Base.TENANT_DELETED);
            data("missing version", "data.version", "is missing", versioned, (d, r) -> d.remove("version"));
            data("negative version", "data.version", "must not be negative", versioned,
                    (d, r) -> d.put("version", -1 - r.nextInt(1000)));
            data("fractional version", "data.version", "must be an integer", versioned,
                    (d, r) -> d.put("version", 1.5 + r.nextInt(10)));
            data("version as a string", "data.version", "must be an integer", versioned,
                    (d, r) -> d.put("version", String.valueOf(1 + r.nextInt(10))));
            data("null version", "data.version", "is missing", Base.SAML, (d, r) -> d.putNull("version"));
            data("boolean version", "data.version", "must be an integer", Base.OIDC, (d, r) -> d.put("version", true));
            data("version beyond a long", "data.version", "must be an integer", Base.SAML,
                    (d, r) -> d.put("version", BigInteger.TWO.pow(64 + r.nextInt(10))));
            data("missing name", "data.name", "is missing", Base.SAML, (d, r) -> d.remove("name"));
            data("empty name", "data.name", "is missing", Base.OIDC, (d, r) -> d.put("name", ""));
            data("numeric name", "data.name", "must be a string", Base.SAML, (d, r) -> d.put("name", 3));
            data("over-long name", "data.name", "is longer than 256 characters", Base.OIDC,
                    (d, r) -> d.put("name", "n".repeat(257 + r.nextInt(100))));
            data("missing protocol", "data.protocol", "is missing", Base.SAML, (d, r) -> d.remove("protocol"));
            data("protocol ldap", "data.protocol", "must be \"saml\" or \"oidc\"", Base.SAML,
                    (d, r) -> d.put("protocol", "ldap"));
            data("protocol in upper case", "data.protocol", "must be \"saml\" or \"oidc\"", Base.OIDC,
                    (d, r) -> d.put("protocol", "OIDC"));
            data("protocol oauth2", "data.protocol", "must be \"saml\" or \"oidc\"", Base.OIDC,
                    (d, r) -> d.put("protocol", "oauth2"));
            data("NUL character in protocol", "data.protocol", "contains a NUL character", Base.SAML,
                    (d, r) -> d.put("protocol", "sa\u0000ml"));
            data("NUL character in name", "data.name", "contains a NUL character", Base.SAML,
                    (d, r) -> d.put("name", "Acme\u0000"));
            data("oidc provider for protocol saml", "data.provider", "\"oidc_custom\" is not a saml provider",
                    Base.SAML, (d, r) -> d.put("provider", "oidc_custom"));
            data("saml provider for protocol oidc", "data.provider", "\"saml_okta\" is not a oidc provider",
                    Base.OIDC, (d, r) -> d.put("provider", "saml_okta"));
            data("unknown provider", "data.provider", "\"okta\" is not a saml provider", Base.SAML,
                    (d, r) -> d.put("provider", "okta"));
            data("missing provider", "data.provider", "is missing", Base.OIDC, (d, r) -> d.remove("provider"));
            List<Base> specs = List.of(Base.SAML, Base.OIDC);
            data("empty domains", "data.domains", "must list at least one domain", specs,
                    (d, r) -> d.putArray("domains"));
            data("upper-case domain", "data.domains[0]", "\"", specs,
                    (d, r) -> domains(d).set(0, d.textNode(domains(d).get(0).asText().toUpperCase())));
            data("domain without a dot", "data.domains[0]", "\"", specs,
                    (d, r) -> domains(d).set(0, d.textNode("intranet" + r.nextInt(100))));
            data("missing domains", "data.domains", "must list at least one domain", Base.SAML,
                    (d, r) -> d.remove("domains"));
            data("domains as a string", "data.domains", "must be an array", Base.OIDC,
                    (d, r) -> d.put("domains", "acme.com"));
            data("numeric domain", "data.domains[0]", "must be a string", Base.SAML, (d, r) -> domains(d).set(0, 42));
            data("null domain", "data.domains[0]", "must be a string", Base.OIDC,
                    (d, r) -> domains(d).set(0, d.nullNode()));
            data("object domain", "data.domains[0]", "must be a string", Base.SAML,
                    (d, r) -> domains(d).set(0, d.objectNode().put("name", "acme.com")));
            String[] notDomains = {"acme.com.", "-acme.com", "acme..com", "http://acme.com", "acme.com/sso",
                "acme_co.com", " acme.com", "acme.c", "localhost", "xn--.com", "acme.123", "*.acme.com", "acme.com:443",
                "ac me.com", ("a".repeat(63) + ".").repeat(4) + "com"};
            for (String notDomain : notDomains) {
                data("not a domain name: " + notDomain, "data.domains[0]", "\"", Base.SAML,
                        (d, r) -> domains(d).set(0, d.textNode(notDomain)));
            }
            data("second domain bad", "data.domains[1]", "\"", Base.OIDC,
                    (d, r) -> domains(d).add("Second.Example.com"));
            data("same domain twice", "data.domains", "lists a domain twice", Base.SAML,
                    (d, r) -> domains(d).add(domains(d).get(0).asText()));
            data("saml block missing for protocol saml", "data.saml", "is missing", Base.SAML,
                    (d, r) -> d.remove("saml"));
            data("saml block null for protocol saml", "data.saml", "is missing", Base.SAML,
                    (d, r) -> d.putNull("saml"));
            data("saml block a string", "data.saml", "must be a JSON object", Base.SAML,
                    (d, r) -> d.put("saml", "okta"));
            data("oidc block present for protocol saml", "data.oidc", "must be null when protocol is saml", Base.SAML,
                    (d, r) -> d.putObject("oidc").put("clientId", "client-1"));
            data("saml block present for protocol oidc", "data.saml", "must be null when protocol is oidc", Base.OIDC,
                    (d, r) -> d.putObject("saml").put("idpEntityId", "http://idp"));
            data("oidc block missing for protocol oidc", "data.oidc", "is missing", Base.OIDC,
                    (d, r) -> d.remove("oidc"));
            data("active as a string", "data.active", "must be true or false", Base.SAML,
                    (d, r) -> d.put("active", String.valueOf(r.nextBoolean())));
            data("active as a number", "data.active", "must be true or false", Base.OIDC, (d, r) -> d.put("active", 1));
            data("syncUserAttributes as a string", "data.syncUserAttributes", "must be true or false", Base.OIDC,
                    (d, r) -> d.put("syncUserAttributes", "yes"));
            data("saml.forceAuthn as a string", "data.saml.forceAuthn", "must be true or false", Base.SAML,
                    (d, r) -> saml(d).put("forceAuthn", "false"));
            data("saml.allowIdpInitiated as a string", "data.saml.allowIdpInitiated", "must be true or false",
                    Base.SAML, (d, r) -> saml(d).put("allowIdpInitiated", "true"));
            data("saml.allowSubdomains as a number", "data.saml.allowSubdomains", "must be true or false", Base.SAML,
                    (d, r) -> saml(d).put("allowSubdomains", 0));
            data("numeric saml.idpCertificate", "data.saml.idpCertificate", "must be a string", Base.SAML,
                    (d, r) -> saml(d).put("idpCertificate", 12345));
            data("boolean saml.idpSsoUrl", "data.saml.idpSsoUrl", "must be a string", Base.SAML,
                    (d, r) -> saml(d).put("idpSsoUrl", false));
            data("saml.attributeMapping a string", "data.saml.attributeMapping", "must be a JSON object", Base.SAML,
                    (d, r) -> saml(d).put("attributeMapping", "email"));
            data("numeric saml.attributeMapping.emailAddress", "data.saml.attributeMapping.emailAddress",
                    "must be a string", Base.SAML,
                    (d, r) -> ((ObjectNode) saml(d).get("attributeMapping")).put("emailAddress", 5));
            data("oidc.requiresPkce as a string", "data.oidc.requiresPkce", "must be true or false", Base.OIDC,
                    (d, r) -> oidc(d).put("requiresPkce", "true"));
            data("numeric oidc.clientSecret", "data.oidc.clientSecret", "must be a string", Base.OIDC,
                    (d, r) -> oidc(d).put("clientSecret", 123456));
            data("oidc.clientId an array", "data.oidc.clientId", "must be a string", Base.OIDC,
                    (d, r) -> oidc(d).putArray("clientId").add("client-123"));
            data("numeric organizationId", "data.organizationId", "must be a string", Base.SAML,
                    (d, r) -> d.put("organizationId", 99));
            clerkExtensions(specs);
        }

        /** The contract's extensions for Clerk's newer settings, broken as Clerk's spec would refuse them. */
        private void clerkExtensions(List<Base> specs) {
            data("disableAdditionalIdentifications as a string", "data.disableAdditionalIdentifications",
                    "must be true or false", specs, (d, r) -> d.put("disableAdditionalIdentifications", "true"));
            data("allowOrganizationAccountLinking as a number", "data.allowOrganizationAccountLinking",
                    "must be true or false", specs, (d, r) -> d.put("allowOrganizationAccountLinking", r.nextInt(2)));
            data("customAttributes an object", "data.customAttributes", "must be an array", specs,
                    (d, r) -> d.putObject("customAttributes").put("name", "Department"));
            data("custom attribute without a key", "data.customAttributes[0].key", "is missing", specs,
                    (d, r) -> d.putArray("customAttributes").addObject().put("name", "Department"));
            data("custom attribute key with a leading underscore", "data.customAttributes[1].key",
                    "\"_dept\" does not match", specs, (d, r) -> {
                        ArrayNode list = d.putArray("customAttributes");
                        list.addObject().put("name", "Groups").put("key", "groups");
                        list.addObject().put("name", "Department").put("key", "_dept");
                    });
            data("custom attribute with a numeric ssoPath", "data.customAttributes[0].ssoPath", "must be a string",
                    specs, (d, r) -> d.putArray("customAttributes").addObject().put("name", "D").put("key", "d")
                            .put("ssoPath", r.nextInt(100)));
            data("custom attribute whose scimPath and directoryPath differ", "data.customAttributes[0].directoryPath",
                    "is Clerk's new name for scimPath", specs, (d, r) -> d.putArray("customAttributes").addObject()
                            .put("name", "D").put("key", "d").put("scimPath", "a").put("directoryPath", "b"));
            data("loginHint at the top level", "data.loginHint", "is a SAML setting", Base.SAML,
                    (d, r) -> d.putObject("loginHint").put("mode", "off"));
            data("saml.loginHint with an unknown mode", "data.saml.loginHint.mode", "must be one of ", Base.SAML,
                    (d, r) -> saml(d).putObject("loginHint").put("mode", "upn"));
            data("saml.loginHint without a mode", "data.saml.loginHint.mode", "is missing", Base.SAML,
                    (d, r) -> saml(d).putObject("loginHint").put("source", "upn"));
            data("saml.loginHint custom_attribute without a source", "data.saml.loginHint.source", "is missing",
                    Base.SAML, (d, r) -> saml(d).putObject("loginHint").put("mode", "custom_attribute"));
            data("saml.loginHint with a source it does not use", "data.saml.loginHint.source",
                    "is only used with mode custom_attribute", Base.SAML,
                    (d, r) -> saml(d).putObject("loginHint").put("mode", "email_address").put("source", "upn"));
            data("tenant.created with a bad login hint", "data.connections[0].saml.loginHint.mode", "must be one of ",
                    Base.TENANT_CREATED, (d, r) -> ((ObjectNode) connection(d, 0).get("saml")).putObject("loginHint")
                            .put("mode", "EMAIL_ADDRESS"));
        }

        private void tenantCreated() {
            data("tenant.created with a connection of another tenant", "data.connections[0].tenantId",
                    "must equal data.tenantId", Base.TENANT_CREATED,
                    (d, r) -> connection(d, 0).put("tenantId", "t_other_" + r.nextInt(1000)));
            data("tenant.created whose second connection is of another tenant", "data.connections[1].tenantId",
                    "must equal data.tenantId", Base.TENANT_CREATED, (d, r) -> {
                        ObjectNode second = connection(d, 0).deepCopy();
                        second.put("tenantId", "t_other_" + r.nextInt(1000));
                        second.put("connectionKey", second.get("connectionKey").asText() + "_2");
                        ((ArrayNode) d.get("connections")).add(second);
                    });
            data("tenant.created with a connection that is not an object", "data.connections[0]",
                    "must be a JSON object", Base.TENANT_CREATED,
                    (d, r) -> ((ArrayNode) d.get("connections")).set(0, d.textNode("idp_1")));
            data("tenant.created with a connection without domains", "data.connections[0].domains",
                    "must list at least one domain", Base.TENANT_CREATED, (d, r) -> connection(d, 0).remove("domains"));
            data("tenant.created with a connection with a bad domain", "data.connections[0].domains[0]", "\"",
                    Base.TENANT_CREATED, (d, r) -> connection(d, 0).putArray("domains").add("Acme.COM"));
            data("tenant.created with a saml connection without its block", "data.connections[0].saml", "is missing",
                    Base.TENANT_CREATED, (d, r) -> connection(d, 0).remove("saml"));
            data("tenant.created with a saml connection carrying an oidc block", "data.connections[0].oidc",
                    "must be null when protocol is saml", Base.TENANT_CREATED,
                    (d, r) -> connection(d, 0).putObject("oidc").put("clientId", "client-1"));
            data("tenant.created with a bad version", "data.connections[0].version", "must be an integer",
                    Base.TENANT_CREATED, (d, r) -> connection(d, 0).put("version", "2"));
            data("tenant.created with a connection without a version", "data.connections[0].version", "is missing",
                    Base.TENANT_CREATED, (d, r) -> connection(d, 0).remove("version"));
            data("tenant.created with connections not a list", "data.connections", "must be an array",
                    Base.TENANT_CREATED, (d, r) -> d.put("connections", "none"));
            data("tenant.created with a numeric name", "data.name", "must be a string", Base.TENANT_CREATED,
                    (d, r) -> d.put("name", 5));
            data("tenant.created with a numeric organizationId", "data.organizationId", "must be a string",
                    Base.TENANT_CREATED, (d, r) -> d.put("organizationId", 5));
        }

        /** A mutation of the data, in both bindings. */
        private void data(String name, String field, String detail, Base base, BiConsumer<ObjectNode, Random> mutate) {
            data(name, field, detail, List.of(base), mutate);
        }

        private void data(String name, String field, String detail, List<Base> bases,
                BiConsumer<ObjectNode, Random> mutate) {
            for (Binding binding : Binding.values()) {
                mutations.add(new Mutation(name, binding, bases, expected(field, detail), (event, random) -> {
                    ObjectNode data = event.data().deepCopy();
                    mutate.accept(data, random);
                    return encode(binding, new Event(event.id(), event.type(), event.tenantId(), event.subject(), data));
                }));
            }
        }

        /** A mutation of the structured-mode envelope. */
        private void envelope(String name, String field, String detail, Consumer<ObjectNode> mutate) {
            mutations.add(new Mutation(name, Binding.STRUCTURED, ANY, expected(field, detail), (event, random) -> {
                ObjectNode envelope = event.envelope();
                mutate.accept(envelope);
                return new CloudEvents.Encoded(event.cloudEvent().structured().headers(), json(envelope));
            }));
        }

        /** A mutation of the binary-mode headers. */
        private void headers(String name, String field, String detail, Consumer<Map<String, String>> mutate) {
            mutations.add(new Mutation(name, Binding.BINARY, ANY, expected(field, detail), (event, random) -> {
                CloudEvents.Encoded record = event.cloudEvent().binary();
                Map<String, String> headers = new LinkedHashMap<>(record.headers());
                mutate.accept(headers);
                return new CloudEvents.Encoded(headers, record.value());
            }));
        }

        /** A mutation of the value's bytes, in both bindings with the same expected reason. */
        private void value(String name, String field, String detail, BiFunction<byte[], Random, byte[]> mutate) {
            value(name, field, detail, ANY, mutate);
        }

        private void value(String name, String field, String detail, List<Base> bases,
                BiFunction<byte[], Random, byte[]> mutate) {
            for (Binding binding : Binding.values()) {
                valueIn(binding, name, field, detail, bases, mutate);
            }
        }

        private void valueIn(Binding binding, String name, String field, String detail, List<Base> bases,
                BiFunction<byte[], Random, byte[]> mutate) {
            mutations.add(new Mutation(name, binding, bases, expected(field, detail), (event, random) -> {
                CloudEvents.Encoded record = encode(binding, event);
                return new CloudEvents.Encoded(record.headers(), mutate.apply(record.value(), random));
            }));
        }

        private static Pattern expected(String field, String detail) {
            return Pattern.compile(Pattern.quote(field + " " + detail));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Events and records
    // ------------------------------------------------------------------------------------------------

    /** The reason the consumer would reject the record with, or null when it would take it. */
    private static String reason(CloudEvents.Encoded record) {
        try {
            CloudEvent event = CloudEventParser.parse(record.headers(), record.value());
            ContractReader.read(event.type(), event.data());
            return null;
        } catch (InvalidEventException e) {
            return e.getMessage();
        }
    }

    private static Event valid(Base base) {
        return switch (base) {
            case SAML -> RegistryEvents.upserted(spec(Base.SAML));
            case OIDC -> RegistryEvents.upserted("idp.connection.updated", spec(Base.OIDC));
            case DELETED -> RegistryEvents.deleted("t_acme", "idp_okta", 12);
            case TENANT_CREATED -> RegistryEvents.tenantCreated("t_acme", "org_2abc", List.of(spec(Base.SAML)));
            case TENANT_DELETED -> RegistryEvents.tenantDeleted("t_acme", 40);
        };
    }

    private static ObjectNode spec(Base protocol) {
        return protocol == Base.SAML ? ConnectionSpecs.saml("t_acme", "idp_okta").version(12).build()
                : ConnectionSpecs.oidc("t_acme", "idp_entra").version(3).build();
    }

    private static CloudEvents.Encoded encode(Binding binding, Event event) {
        return binding == Binding.STRUCTURED ? event.cloudEvent().structured() : event.cloudEvent().binary();
    }

    private static String certificateBody() {
        String[] lines = SampleCertificates.IDP_1.split("\n");
        return lines[1];
    }

    private static ObjectNode saml(ObjectNode data) {
        return (ObjectNode) data.get("saml");
    }

    private static ObjectNode oidc(ObjectNode data) {
        return (ObjectNode) data.get("oidc");
    }

    private static ArrayNode domains(ObjectNode data) {
        return (ArrayNode) data.get("domains");
    }

    private static ObjectNode connection(ObjectNode data, int index) {
        return (ObjectNode) data.get("connections").get(index);
    }

    /** The value with a Latin-1 "ü" (0xFC, invalid in UTF-8) at the start of the name. */
    private static byte[] latin1Name(byte[] value) {
        String text = new String(value, UTF_8);
        int at = text.indexOf("\"name\":\"") + "\"name\":\"".length();
        return concat(text.substring(0, at).getBytes(UTF_8), new byte[] {(byte) 0xFC},
                text.substring(at).getBytes(UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] json(ObjectNode node) {
        return node.toString().getBytes(UTF_8);
    }
}
