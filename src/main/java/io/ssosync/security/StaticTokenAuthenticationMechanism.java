package io.ssosync.security;

import java.util.Set;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.ssosync.http.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code Authorization: Bearer <token>} checked against {@code SSO_SYNC_API_TOKENS}. It runs before quarkus-oidc's
 * bearer mechanism, which gets every value that is not a static token (and when OIDC is off, such a value leaves
 * the caller anonymous, hence a 401). With {@code SSO_SYNC_API_AUTH=none} every caller may do everything.
 */
@ApplicationScoped
public class StaticTokenAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer ";
    /** Above quarkus-oidc's (DEFAULT_PRIORITY + 1), so that static tokens are tried first. */
    private static final int PRIORITY = DEFAULT_PRIORITY + 100;
    private static final SecurityIdentity ANYONE = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal("anonymous"))
            .addRoles(Roles.ALL)
            .addAttribute(Actors.OWN_IDENTITY, Boolean.TRUE)
            .build();

    private final ApiAccess access;

    public StaticTokenAuthenticationMechanism(ApiAccess access) {
        this.access = access;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (access.open()) {
            return Uni.createFrom().item(ANYONE);
        }
        String token = bearer(context.request().getHeader(HttpHeaderNames.AUTHORIZATION));
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new StaticTokenRequest(token))
                .onFailure(AuthenticationFailedException.class).recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(),
                HttpHeaderNames.WWW_AUTHENTICATE, "Bearer"));
    }

    /**
     * The 401 as problem JSON. Quarkus ends the response after the challenge (or fails the request, when an
     * authentication was refused, and io.ssosync.http.HttpSurface ends it), so the body is written here with its
     * length rather than ended.
     */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        Buffer body = Buffer.buffer(Problem.of(HttpResponseStatus.UNAUTHORIZED.code(),
                "this call needs valid credentials: Authorization: Bearer <token>").json());
        context.response().setStatusCode(HttpResponseStatus.UNAUTHORIZED.code())
                .putHeader(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer")
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(body.length()))
                .write(body);
        return Uni.createFrom().item(Boolean.TRUE);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(StaticTokenRequest.class);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }
}
