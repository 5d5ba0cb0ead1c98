package io.ssosync.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationRedirectException;
import io.ssosync.config.SsoSyncConfig;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What happens on every request outside JAX-RS: security headers on every answer (also those Quarkus writes
 * itself, such as health checks and authentication challenges), and problem answers for what fails there: a
 * refused authentication, a declared body over the limit (Quarkus would end it with an empty 413), a path nothing
 * serves (Vert.x would answer HTML).
 */
@ApplicationScoped
public class HttpSurface {

    /** Before Quarkus's own routes (body limit, authentication), so that their answers get the headers too. */
    private static final int FIRST = Integer.MIN_VALUE;
    /** After every route of the application and of Quarkus: reached only when none served the path. */
    private static final int LAST = Integer.MAX_VALUE;

    private final SecurityHeaders headers;
    private final long maxBodyBytes;

    public HttpSurface(SsoSyncConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.headers = new SecurityHeaders(config.http().hsts());
        this.maxBodyBytes = BodyLimit.of(maxBodySize.asLongValue(), config.ingest().maxEventBytes());
    }

    void install(@Observes Router router) {
        router.route().order(FIRST).handler(this::first);
        router.route().order(FIRST).failureHandler(HttpSurface::failed);
        router.route().order(LAST).handler(context -> answer(context, Problem.of(404, StatusDetails.of(404))));
    }

    private void first(RoutingContext context) {
        HttpServerResponse response = context.response();
        context.addHeadersEndHandler(ignored -> headers.addTo(response.headers(), context.normalizedPath()));
        if (declaredLength(context) > maxBodyBytes) {
            // The rest of the body is not read: the connection closes after the answer.
            response.putHeader(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            answer(context, Problem.of(413, "the request body is larger than the " + maxBodyBytes
                    + " bytes this server accepts"));
            return;
        }
        context.next();
    }

    /**
     * A request Vert.x or Quarkus failed outside JAX-RS: an authentication refused (the mechanism has already set
     * the 401 and its WWW-Authenticate challenge) or redirected, a body handler's 413, or a bug. Quarkus's own error
     * page would otherwise answer, in HTML or JSON with the exception's text.
     */
    private static void failed(RoutingContext context) {
        if (context.response().ended()) {
            return;
        }
        if (FailureStatus.unwrapped(context.failure()) instanceof AuthenticationRedirectException redirect) {
            // A step of quarkus-oidc's code flow (to the provider, or back without the code): a redirect, not a failure.
            context.response().setStatusCode(redirect.getCode())
                    .putHeader(HttpHeaderNames.LOCATION, redirect.getRedirectUri()).end();
            return;
        }
        if (context.response().headWritten()) {
            // A challenge that wrote its problem body already (StaticTokenAuthenticationMechanism): finish it.
            context.response().end();
            return;
        }
        int status = FailureStatus.of(context.failure(), context.statusCode(), context.response().getStatusCode());
        Problem problem = status >= 500
                ? UnexpectedFailure.logged(context.request().method().name(), context.request().path(),
                        context.failure())
                : Problem.of(status, StatusDetails.of(status));
        answer(context, problem);
    }

    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static void answer(RoutingContext context, Problem problem) {
        context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(problem.json());
    }
}
