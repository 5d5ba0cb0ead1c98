package io.ssosync.webhook;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

/**
 * Checks a webhook's Standard Webhooks signature ({@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, one
 * or more in the {@code webhook-signature} header) against every configured secret, with the reference
 * implementation, which compares in constant time and refuses a timestamp more than 5 minutes off, so that
 * a captured delivery cannot be replayed later.
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

    private final List<Webhook> verifiers;

    public WebhookSignature(WebhookSecrets secrets) {
        this.verifiers = secrets.keys().stream().map(WebhookSignature::verifier).toList();
    }

    public Verdict verify(String id, String timestamp, String signatureHeader, byte[] body) {
        if (blank(id) || blank(timestamp) || blank(signatureHeader)) {
            return new Verdict.Refused("the webhook-id, webhook-timestamp and webhook-signature headers are required");
        }
        Map<String, List<String>> headers = Map.of("webhook-id", List.of(id), "webhook-timestamp",
                List.of(timestamp.trim()), "webhook-signature", List.of(signatureHeader));
        // The contract's bodies are UTF-8 JSON; any other bytes cannot match and are refused as unsigned.
        String payload = new String(body, StandardCharsets.UTF_8);
        String failure = null;
        for (Webhook verifier : verifiers) {
            try {
                verifier.verify(payload, headers);
                return new Verdict.Signed();
            } catch (WebhookVerificationException e) {
                failure = e.getMessage();
            }
        }
        return new Verdict.Refused(reason(failure));
    }

    /** The library's reasons, named by the header at fault. */
    private static String reason(String failure) {
        if (failure == null) {
            return "no webhook secret is configured";
        }
        if (failure.contains("too old") || failure.contains("too new")) {
            return "webhook-timestamp is more than 5 minutes away from this server's time";
        }
        if (failure.contains("Invalid Signature Headers")) {
            return "webhook-timestamp must be Unix seconds";
        }
        return "no signature in webhook-signature matches a configured secret";
    }

    private static Webhook verifier(byte[] key) {
        try {
            return new Webhook(key);
        } catch (Exception e) {
            throw new IllegalStateException("a parsed webhook secret is never empty", e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
