package io.ssosync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a webhook's Standard Webhooks signature: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">},
 * one or more in the {@code webhook-signature} header, against every configured secret, and that its
 * timestamp is recent enough that a captured delivery cannot be replayed later.
 */
public final class WebhookSignature {

    /** Whether a delivery is what one of our secrets signed. */
    public sealed interface Verdict {
        record Signed() implements Verdict {
        }

        /** {@code reason} says what is wrong without echoing any header value. */
        record Refused(String reason) implements Verdict {
        }
    }

    private static final String VERSION = "v1,";

    private final WebhookSecrets secrets;
    private final Duration tolerance;
    private final Clock clock;

    public WebhookSignature(WebhookSecrets secrets, Duration tolerance, Clock clock) {
        this.secrets = secrets;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    public Verdict verify(String id, String timestamp, String signatureHeader, byte[] body) {
        if (blank(id) || blank(timestamp) || blank(signatureHeader)) {
            return new Verdict.Refused("the webhook-id, webhook-timestamp and webhook-signature headers are required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return new Verdict.Refused("webhook-timestamp must be Unix seconds");
        }
        Duration offBy = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        if (offBy.compareTo(tolerance) > 0) {
            return new Verdict.Refused("webhook-timestamp is more than " + tolerance.toMinutes()
                    + " minutes away from this server's time");
        }
        List<byte[]> given = signatures(signatureHeader);
        byte[] signed = signedContent(id, timestamp.trim(), body);
        for (byte[] key : secrets.keys()) {
            byte[] expected = hmac(key, signed);
            for (byte[] candidate : given) {
                // Constant time, so that timing tells an attacker nothing about how close a guess was.
                if (MessageDigest.isEqual(expected, candidate)) {
                    return new Verdict.Signed();
                }
            }
        }
        return new Verdict.Refused("no signature in webhook-signature matches a configured secret");
    }

    /** The v1 signatures of the header; other schemes (such as v1a) and broken entries are skipped. */
    private static List<byte[]> signatures(String header) {
        List<byte[]> signatures = new ArrayList<>();
        for (String entry : header.trim().split("\\s+")) {
            if (entry.startsWith(VERSION)) {
                try {
                    signatures.add(Base64.getDecoder().decode(entry.substring(VERSION.length())));
                } catch (IllegalArgumentException e) {
                    // not a signature; another entry may still match
                }
            }
        }
        return signatures;
    }

    private static byte[] signedContent(String id, String timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return content;
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
