package io.ssosync.webhook;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.WebhookSender;
import io.ssosync.testing.WebhookSender.Delivery;

/**
 * Signed webhooks through the real HTTP endpoint into the same intake as Kafka records, and on to the
 * Clerk simulator. The test profile configures two secrets, as during a rotation.
 */
@QuarkusTest
@WithTestResource(SyncStack.class)
class WebhookIngressTest extends PipelineTest {

    @Test
    void aSignedEventIsCommittedBeforeItsAnswerAndReachesClerk() {
        String key = key("okta");
        RegistryEvents.Event event = RegistryEvents.upserted(samlSpec(key, 1, domain("acme")));

        WebhookSender.signed(event).send().then().statusCode(200)
                .body("eventId", equalTo(event.id())).body("outcome", equalTo("CHANGED"));
        // Committed before the answer: the inbox row is there the moment the 200 is.
        assertEquals(1, TestDatabase.count("select count(*) from inbox_event where event_id = ? and webhook_id"
                + " is not null", event.id()));
        awaitStatus(key, "SYNCED");
        assertEquals(1, clerk.connections().size());
    }

    @Test
    void eitherConfiguredSecretSigns() {
        RegistryEvents.Event event = RegistryEvents.upserted(samlSpec(key("okta"), 1, domain("acme")));
        Delivery.signed(WebhookSender.bytes(event), WebhookSender.OTHER_SECRET, "msg_" + UUID.randomUUID(),
                Instant.now()).send().then().statusCode(200).body("outcome", equalTo("CHANGED"));
    }

    @Test
    void aRepeatedWebhookIdIsA2xxWithNoEffect() {
        String key = key("okta");
        RegistryEvents.Event first = RegistryEvents.upserted(samlSpec(key, 1, domain("acme")));
        Delivery delivery = WebhookSender.signed(first);
        delivery.send().then().statusCode(200).body("repeated", equalTo(false));
        awaitStatus(key, "SYNCED");

        // Same webhook id, signed afresh over another event: the id alone says it was taken in.
        RegistryEvents.Event other = RegistryEvents.upserted(samlSpec(key("entra"), 1, domain("entra")));
        Delivery.signed(WebhookSender.bytes(other), WebhookSender.SECRET, delivery.id(), Instant.now()).send()
                .then().statusCode(200).body("repeated", equalTo(true)).body("outcome", equalTo("CHANGED"));
        delivery.send().then().statusCode(200).body("repeated", equalTo(true));

        assertEquals(0, TestDatabase.count("select count(*) from inbox_event where event_id = ?", other.id()));
        assertEquals(1, clerkRequests("POST").size());
    }

    @Test
    void theSameEventByWebhookAndByKafkaHasOneEffect() {
        String viaKafkaFirst = key("kafka-first");
        RegistryEvents.Event one = RegistryEvents.upserted(samlSpec(viaKafkaFirst, 1, domain("one")));
        publisher.structured(one);
        awaitSettled(one);
        WebhookSender.signed(one).send().then().statusCode(200).body("outcome", equalTo("DUPLICATE"));

        String viaWebhookFirst = key("webhook-first");
        RegistryEvents.Event two = RegistryEvents.upserted(samlSpec(viaWebhookFirst, 1, domain("two")));
        WebhookSender.signed(two).send().then().statusCode(200).body("outcome", equalTo("CHANGED"));
        publisher.binary(two);
        // Behind it on the tenant's partition: once this one is recorded, so is the Kafka copy of the other.
        RegistryEvents.Event after = RegistryEvents.deleted(tenant, key("never-known"), 1);
        publisher.structured(after);
        awaitSettled(after);
        awaitStatus(viaWebhookFirst, "SYNCED");

        assertEquals(2, clerk.connections().size());
        assertEquals(2, clerkRequests("POST").size());
    }

    @Test
    void anUnsignedWrongOrStaleDeliveryIs401AndStoresNothing() {
        RegistryEvents.Event event = RegistryEvents.upserted(samlSpec(key("okta"), 1, domain("acme")));
        Delivery valid = WebhookSender.signed(event);
        String wrongSecret = WebhookSender.sign("whsec_dW5rbm93bi1zZWNyZXQtbm90LWNvbmZpZ3VyZWQ=", valid.id(),
                valid.timestamp(), valid.body());
        byte[] tampered = new String(valid.body(), StandardCharsets.UTF_8).replace("\"version\":1", "\"version\":9")
                .getBytes(StandardCharsets.UTF_8);
        Delivery stale = Delivery.signed(valid.body(), WebhookSender.SECRET, valid.id(),
                Instant.now().minus(Duration.ofMinutes(6)));
        Delivery future = Delivery.signed(valid.body(), WebhookSender.SECRET, valid.id(),
                Instant.now().plus(Duration.ofMinutes(6)));

        for (Delivery refused : new Delivery[] { valid.withoutHeaders(), valid.withSignature(wrongSecret),
                valid.withBody(tampered), stale, future }) {
            refused.send().then().statusCode(401).contentType("application/problem+json")
                    .body("status", equalTo(401)).body("detail", containsString("webhook-"));
        }
        assertNothingStored();
    }

    @Test
    void aBodyOverTheEventLimitIs413AndStoresNothing() {
        byte[] huge = new byte[262_145];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        Delivery.signed(huge).send().then().statusCode(413).body("detail", containsString("262144"));
        assertNothingStored();
    }

    @Test
    void aSignedEventBreakingTheContractIs400NamingTheFieldAndKeptAsRejected() {
        RegistryEvents.Event event = RegistryEvents.upserted(samlSpec(key("okta"), 1, domain("acme")));
        event.data().put("version", "12");
        Delivery delivery = WebhookSender.signed(event);

        delivery.send().then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("data.version"));
        delivery.send().then().statusCode(400);

        assertEquals(1, TestDatabase.count("select count(*) from rejected_event where received_via = 'webhook'"
                + " and webhook_id = ? and event_id = ? and reason like '%data.version%' and dead_letter_status is null",
                delivery.id(), event.id()));
        assertEquals(0, TestDatabase.count("select count(*) from inbox_event"));
    }

    @Test
    void onlyStructuredCloudEventsInJsonAreTaken() {
        RegistryEvents.Event event = RegistryEvents.upserted(samlSpec(key("okta"), 1, domain("acme")));
        WebhookSender.signed(event).withContentType("text/plain").send().then().statusCode(415);
        WebhookSender.signed(event).withContentType("application/json").send().then().statusCode(200);
    }

    private static void assertNothingStored() {
        assertEquals(0, TestDatabase.count("select count(*) from inbox_event"));
        assertEquals(0, TestDatabase.count("select count(*) from rejected_event"));
        assertEquals(0, TestDatabase.count("select count(*) from webhook_delivery"));
    }
}
