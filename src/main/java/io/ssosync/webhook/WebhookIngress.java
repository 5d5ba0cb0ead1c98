package io.ssosync.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.ssosync.ingest.EnvelopeHints;
import io.ssosync.ingest.EventIntake;
import io.ssosync.ingest.RejectedEventStore;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.store.InboxStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Takes in one signed webhook: checked, then recorded by the same intake as a Kafka record (same dedup on
 * the event's source and id, same planning), so that an event sent both ways has one effect.
 */
@ApplicationScoped
public class WebhookIngress {

    /** A delivery as it arrived. */
    public record Delivery(String id, String timestamp, String signature, String contentType, byte[] body) {
    }

    /** What became of a delivery; the resource turns each into its HTTP answer. */
    public sealed interface Result {
        /** No secret is configured: the endpoint does not exist. */
        record Disabled() implements Result {
        }

        record TooLarge(int size, int max) implements Result {
        }

        record Unsigned(String reason) implements Result {
        }

        /** Signed, but not what the contract allows; kept with the rejected events. */
        record Invalid(String reason) implements Result {
        }

        /** The webhook id was taken in before: nothing happens again. */
        record Repeated(String outcome) implements Result {
        }

        record Accepted(String eventId, String outcome) implements Result {
        }
    }

    private static final Logger LOG = Logger.getLogger(WebhookIngress.class);

    private final WebhookSecrets secrets;
    private final WebhookSignature signature;
    private final EventIntake intake;
    private final RejectedEventStore rejections;
    private final WebhookDeliveryStore deliveries;
    private final Transactions transactions;

    public WebhookIngress(WebhookSecrets secrets, WebhookSignature signature, EventIntake intake,
            RejectedEventStore rejections, WebhookDeliveryStore deliveries, Transactions transactions) {
        this.secrets = secrets;
        this.signature = signature;
        this.intake = intake;
        this.rejections = rejections;
        this.deliveries = deliveries;
        this.transactions = transactions;
    }

    public Result receive(Delivery delivery) {
        if (!secrets.configured()) {
            return new Result.Disabled();
        }
        if (delivery.body().length > intake.maxEventBytes()) {
            return new Result.TooLarge(delivery.body().length, intake.maxEventBytes());
        }
        if (signature.verify(delivery.id(), delivery.timestamp(), delivery.signature(),
                delivery.body()) instanceof WebhookSignature.Verdict.Refused refused) {
            return new Result.Unsigned(refused.reason());
        }
        Optional<String> seen = transactions.inTransaction(c -> deliveries.find(c, delivery.id()));
        if (seen.isPresent()) {
            return new Result.Repeated(seen.get());
        }
        // Structured mode only, as the contract says: no ce_* headers, so the body is the whole envelope.
        EventIntake.Result result = intake.take(Map.of(), delivery.body(), InboxStore.Origin.webhook(delivery.id()));
        if (result.rejected()) {
            String reason = result.rejection().getMessage();
            LOG.warnf("rejected webhook %s: %s", delivery.id(), reason);
            transactions.run(c -> rejections.save(c, EnvelopeHints.id(Map.of(), delivery.body()),
                    EnvelopeHints.type(Map.of(), delivery.body()), reason, delivery.body(), headers(delivery),
                    InboxStore.Origin.webhook(delivery.id())));
            return new Result.Invalid(reason);
        }
        String outcome = result.outcome().name();
        transactions.run(c -> deliveries.record(c, delivery.id(), result.event().id(), result.event().source(),
                outcome));
        return new Result.Accepted(result.event().id(), outcome);
    }

    /** What an operator needs to tell the delivery apart; the signature proves nothing once stored. */
    private static Map<String, String> headers(Delivery delivery) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", delivery.id());
        headers.put("webhook-timestamp", delivery.timestamp());
        if (delivery.contentType() != null) {
            headers.put("content-type", delivery.contentType());
        }
        return headers;
    }
}
