package io.ssosync.webhook;

import java.util.Locale;
import java.util.Map;

import io.ssosync.http.Problem;
import io.ssosync.metrics.IngestMetrics;
import io.ssosync.ingest.EnvelopeHints;
import io.ssosync.support.logging.LogContext;
import io.ssosync.support.tracing.Traces;
import io.ssosync.support.jdbc.DatabaseException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /webhooks/idp-registry}: the registry's events over HTTP, signed per Standard Webhooks. A 2xx
 * is sent only once the event is committed, so a sender that got one may forget the delivery.
 */
@Path("/webhooks/idp-registry")
public class WebhookResource {

    static final String CLOUDEVENTS_JSON = "application/cloudevents+json";

    private final WebhookIngress ingress;
    private final IngestMetrics metrics;
    private final Traces traces;

    public WebhookResource(WebhookIngress ingress, IngestMetrics metrics, Traces traces) {
        this.ingress = ingress;
        this.metrics = metrics;
        this.traces = traces;
    }

    @POST
    @Consumes({ CLOUDEVENTS_JSON, MediaType.APPLICATION_JSON })
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    public Response receive(HttpHeaders headers, byte[] body) {
        WebhookIngress.Delivery delivery = new WebhookIngress.Delivery(headers.getHeaderString("webhook-id"),
                headers.getHeaderString("webhook-timestamp"), headers.getHeaderString("webhook-signature"),
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body == null ? new byte[0] : body);
        String traceparent = EnvelopeHints.traceparent(headers.getHeaderString("traceparent"), Map.of(),
                delivery.body());
        try (Traces.Scope span = traces.start(Traces.Kind.CONSUMER, "webhook idp-registry process", traceparent,
                Map.of("sso_sync.webhook_id", String.valueOf(delivery.id())));
                LogContext log = LogContext.of("eventId", EnvelopeHints.id(Map.of(), delivery.body()),
                        "traceId", traces.currentTraceId())) {
            WebhookIngress.Result result;
            try {
                result = ingress.receive(delivery);
            } catch (DatabaseException e) {
                // The sender retries a 5xx: nothing is lost while the database is away.
                metrics.webhookDelivery("unavailable");
                return Problem.of(503, "the database is unavailable; retry later").response();
            }
            metrics.webhookDelivery(resultName(result));
            return answer(delivery.id(), result);
        }
    }

    private static String resultName(WebhookIngress.Result result) {
        if (result instanceof WebhookIngress.Result.TooLarge) {
            return "too_large";
        }
        return result.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static Response answer(String webhookId, WebhookIngress.Result result) {
        if (result instanceof WebhookIngress.Result.Accepted a) {
            return Response.ok(Map.of("webhookId", webhookId, "eventId", a.eventId(), "outcome", a.outcome(),
                    "repeated", false)).type(MediaType.APPLICATION_JSON).build();
        }
        if (result instanceof WebhookIngress.Result.Repeated r) {
            return Response.ok(Map.of("webhookId", webhookId, "outcome", r.outcome(), "repeated", true))
                    .type(MediaType.APPLICATION_JSON).build();
        }
        if (result instanceof WebhookIngress.Result.Invalid i) {
            return Problem.of(400, i.reason()).response();
        }
        if (result instanceof WebhookIngress.Result.Unsigned u) {
            return Problem.of(401, u.reason()).response();
        }
        if (result instanceof WebhookIngress.Result.TooLarge t) {
            return Problem.of(413, "the body is " + t.size() + " bytes, more than the " + t.max() + " allowed")
                    .response();
        }
        // Off while no secret is configured: answered like any path nothing serves.
        return Problem.of(404, "there is no resource at this path").response();
    }
}
