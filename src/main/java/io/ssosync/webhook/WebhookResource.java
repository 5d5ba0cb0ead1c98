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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /webhooks/idp-registry}: the registry's events over HTTP, signed per Standard Webhooks. A 2xx
 * is sent only once the event is committed, so a sender that got one may forget the delivery.
 */
@Tag(name = "webhooks")
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

    @Operation(summary = "Deliver a registry event", description = "The contract's structured CloudEvent as the body, signed per Standard Webhooks; 2xx only once it is committed. A traceparent header (or the event's traceparent attribute) is continued.")
    @APIResponse(responseCode = "200", description = "accepted, or a webhook-id taken in before", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "example", value = "{\"webhookId\": \"msg_2Kx\", \"eventId\": \"evt_1\", \"outcome\": \"CHANGED\", \"repeated\": false}")))
    @APIResponse(responseCode = "401", description = "a header missing, no matching signature, or a timestamp more than 5 minutes off", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "404", description = "IDP_WEBHOOK_SECRETS is not set", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "413", description = "the body is over SSO_SYNC_INGEST_MAX_EVENT_BYTES", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "415", description = "another content type", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "503", description = "the database is unavailable: retry", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @Parameter(name = "webhook-id", in = ParameterIn.HEADER, required = true, description = "the delivery's id; a"
            + " repeated id is answered without effect", example = "msg_2Kx")
    @Parameter(name = "webhook-timestamp", in = ParameterIn.HEADER, required = true, description = "Unix seconds,"
            + " within 5 minutes of now", example = "1764756000")
    @Parameter(name = "webhook-signature", in = ParameterIn.HEADER, required = true, description = "v1,<base64>,"
            + " several separated by spaces")
    @Parameter(name = "traceparent", in = ParameterIn.HEADER, description = "W3C trace context to continue",
            example = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
    @RequestBody(required = true, description = "the contract's structured CloudEvent", content = @Content(
            mediaType = CLOUDEVENTS_JSON, examples = @ExampleObject(name = "upserted", value = "{\"specversion\":"
                    + " \"1.0\", \"id\": \"evt_1\", \"source\": \"/idp-registry\", \"type\":"
                    + " \"idp.connection.upserted\", \"subject\": \"idp_7f3a\", \"time\": \"2026-11-25T10:00:00Z\","
                    + " \"data\": {\"tenantId\": \"t_acme\", \"connectionKey\": \"idp_7f3a\", \"version\": 12}}")))
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
