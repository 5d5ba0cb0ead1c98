package io.ssosync.webhook;

import java.util.Map;

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
    private static final String PROBLEM_JSON = "application/problem+json";

    private final WebhookIngress ingress;

    public WebhookResource(WebhookIngress ingress) {
        this.ingress = ingress;
    }

    @POST
    @Consumes({ CLOUDEVENTS_JSON, MediaType.APPLICATION_JSON })
    @Produces({ MediaType.APPLICATION_JSON, PROBLEM_JSON })
    public Response receive(HttpHeaders headers, byte[] body) {
        WebhookIngress.Delivery delivery = new WebhookIngress.Delivery(headers.getHeaderString("webhook-id"),
                headers.getHeaderString("webhook-timestamp"), headers.getHeaderString("webhook-signature"),
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body == null ? new byte[0] : body);
        WebhookIngress.Result result;
        try {
            result = ingress.receive(delivery);
        } catch (DatabaseException e) {
            // The sender retries a 5xx: nothing is lost while the database is away.
            return problem(503, "Service Unavailable", "the database is unavailable; retry later");
        }
        return answer(delivery.id(), result);
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
            return problem(400, "Bad Request", i.reason());
        }
        if (result instanceof WebhookIngress.Result.Unsigned u) {
            return problem(401, "Unauthorized", u.reason());
        }
        if (result instanceof WebhookIngress.Result.TooLarge t) {
            return problem(413, "Content Too Large", "the body is " + t.size() + " bytes, more than the " + t.max()
                    + " allowed");
        }
        return Response.status(404).build();
    }

    /** An RFC 9457 problem document. */
    private static Response problem(int status, String title, String detail) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(Map.of("type", "about:blank", "title", title, "status", status, "detail", detail)).build();
    }
}
