package io.ssosync.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.ssosync.testing.CloudEvents;
import io.ssosync.testing.WebhookSender;

/** Standard Webhooks signatures, checked against every configured secret, within five minutes of our clock. */
class WebhookSignatureTest {

    private static final CloudEvents EVENT = CloudEvents.event("tenant.deleted").id("e-1");
    private static final byte[] BODY = EVENT.structuredValue();
    private static final String UNKNOWN_SECRET = "whsec_dW5rbm93bi1zZWNyZXQtbm90LWNvbmZpZ3VyZWQ=";

    private final WebhookSignature oneSecret = check(WebhookSender.SECRET);
    private final WebhookSignature twoSecrets = check(WebhookSender.SECRET + " " + WebhookSender.OTHER_SECRET);

    @Test
    void aSignatureByTheSecretIsValid() {
        assertSigned(oneSecret, signed(WebhookSender.SECRET, Instant.now()));
    }

    @Test
    void aSignatureByAnotherSecretIsRefused() {
        assertRefused(oneSecret, signed(UNKNOWN_SECRET, Instant.now()), "no signature");
    }

    @Test
    void whileASecretRotatesEitherOneSigns() {
        assertSigned(twoSecrets, signed(WebhookSender.SECRET, Instant.now()));
        assertSigned(twoSecrets, signed(WebhookSender.OTHER_SECRET, Instant.now()));
    }

    @Test
    void oneValidSignatureAmongSeveralIsEnough() {
        Signed valid = signed(WebhookSender.SECRET, Instant.now());
        String wrong = WebhookSender.sign(UNKNOWN_SECRET, valid.id, valid.timestamp, BODY);
        String header = wrong + " v1a,c2lnbmVkLWFzeW1tZXRyaWNhbGx5 v1,not-base64!! " + valid.signature;
        assertSigned(oneSecret, new Signed(valid.id, valid.timestamp, header, BODY));
    }

    @Test
    void aTimestampMoreThanFiveMinutesOffEitherWayIsRefused() {
        assertRefused(oneSecret, signed(WebhookSender.SECRET, Instant.now().minus(Duration.ofMinutes(5).plusSeconds(1))),
                "webhook-timestamp");
        assertRefused(oneSecret, signed(WebhookSender.SECRET, Instant.now().plus(Duration.ofMinutes(5).plusSeconds(1))),
                "webhook-timestamp");
        assertSigned(oneSecret, signed(WebhookSender.SECRET, Instant.now().minus(Duration.ofMinutes(4))));
    }

    @Test
    void aTamperedBodyOrIdIsRefused() {
        Signed valid = signed(WebhookSender.SECRET, Instant.now());
        byte[] tampered = EVENT.specversion("1.1").structuredValue();
        assertRefused(oneSecret, new Signed(valid.id, valid.timestamp, valid.signature, tampered), "no signature");
        assertRefused(oneSecret, new Signed("msg_other", valid.timestamp, valid.signature, BODY), "no signature");
    }

    @Test
    void missingHeadersOrATimestampThatIsNoNumberAreRefused() {
        Signed valid = signed(WebhookSender.SECRET, Instant.now());
        assertRefused(oneSecret, new Signed(null, valid.timestamp, valid.signature, BODY), "required");
        assertRefused(oneSecret, new Signed(valid.id, null, valid.signature, BODY), "required");
        assertRefused(oneSecret, new Signed(valid.id, valid.timestamp, " ", BODY), "required");
        assertRefused(oneSecret, new Signed(valid.id, "yesterday", valid.signature, BODY), "Unix seconds");
    }

    private record Signed(String id, String timestamp, String signature, byte[] body) {
    }

    private static Signed signed(String secret, Instant at) {
        String timestamp = String.valueOf(at.getEpochSecond());
        return new Signed("msg_1", timestamp, WebhookSender.sign(secret, "msg_1", timestamp, BODY), BODY);
    }

    private static WebhookSignature check(String secrets) {
        return new WebhookSignature(WebhookSecrets.parse(secrets));
    }

    private static void assertSigned(WebhookSignature check, Signed delivery) {
        assertInstanceOf(WebhookSignature.Verdict.Signed.class,
                check.verify(delivery.id, delivery.timestamp, delivery.signature, delivery.body));
    }

    private static void assertRefused(WebhookSignature check, Signed delivery, String reasonPart) {
        var verdict = check.verify(delivery.id, delivery.timestamp, delivery.signature, delivery.body);
        var refused = assertInstanceOf(WebhookSignature.Verdict.Refused.class, verdict);
        assertEquals(true, refused.reason().contains(reasonPart), refused.reason());
    }
}
