package io.ssosync.testing;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.restassured.response.Response;

/**
 * Delivers events to {@code POST /webhooks/idp-registry} as a registry would, signed per Standard Webhooks
 * with the JDK's HMAC-SHA256, written independently of the service's own check.
 */
public final class WebhookSender {

    public static final String PATH = "/webhooks/idp-registry";
    /** The first of the secrets the test profile configures. */
    public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    /** The second: a rotation in progress. */
    public static final String OTHER_SECRET = "whsec_c2Vjb25kLXNlY3JldC1mb3ItdGVzdHMtb25seQ==";

    private WebhookSender() {
    }

    /** A delivery; {@link #send()} posts it. Every part can be spoilt for the negative cases. */
    public record Delivery(String id, String timestamp, String signature, String contentType, byte[] body) {

        public static Delivery signed(byte[] body) {
            return signed(body, SECRET, "msg_" + UUID.randomUUID(), Instant.now());
        }

        public static Delivery signed(byte[] body, String secret, String id, Instant at) {
            String timestamp = String.valueOf(at.getEpochSecond());
            return new Delivery(id, timestamp, sign(secret, id, timestamp, body), CloudEvents.STRUCTURED_CONTENT_TYPE, body);
        }

        public Delivery withSignature(String header) {
            return new Delivery(id, timestamp, header, contentType, body);
        }

        public Delivery withBody(byte[] other) {
            return new Delivery(id, timestamp, signature, contentType, other);
        }

        public Delivery withContentType(String type) {
            return new Delivery(id, timestamp, signature, type, body);
        }

        public Delivery withoutHeaders() {
            return new Delivery(null, null, null, contentType, body);
        }

        public Response send() {
            var request = given().contentType(contentType).body(body);
            if (id != null) {
                request.header("webhook-id", id);
            }
            if (timestamp != null) {
                request.header("webhook-timestamp", timestamp);
            }
            if (signature != null) {
                request.header("webhook-signature", signature);
            }
            return request.post(PATH);
        }
    }

    public static Delivery signed(RegistryEvents.Event event) {
        return Delivery.signed(bytes(event));
    }

    public static byte[] bytes(RegistryEvents.Event event) {
        return event.cloudEvent().structuredValue();
    }

    public static String sign(String secret, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
