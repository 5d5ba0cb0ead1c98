package io.ssosync.security;

import java.util.Set;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The console's session cookie, on {@code /console} only. A page asked for without a session or a bearer header is
 * sent to the sign-in page rather than answered 401; everything else (a bearer caller, the API) keeps the
 * static-token mechanism's 401 problem.
 */
@ApplicationScoped
public class ConsoleSessionMechanism implements HttpAuthenticationMechanism {

    public static final String COOKIE = "sso_sync_console";
    public static final String PATH = "/console";
    public static final String SIGN_IN = PATH + "/sign-in";
    /** Above the static tokens' mechanism, so that its challenge is asked first and can pass. */
    private static final int PRIORITY = DEFAULT_PRIORITY + 200;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        Cookie cookie = underConsole(context) ? context.request().getCookie(COOKIE) : null;
        if (cookie == null || cookie.getValue().isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new ConsoleSessionRequest(cookie.getValue()))
                .onFailure(AuthenticationFailedException.class).recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(HttpResponseStatus.SEE_OTHER.code(),
                HttpHeaderNames.LOCATION, SIGN_IN));
    }

    /** A person at the console goes to the sign-in page; a script's refused bearer value gets the API's 401. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!underConsole(context) || context.request().getHeader(HttpHeaderNames.AUTHORIZATION) != null) {
            return Uni.createFrom().item(Boolean.FALSE);
        }
        // Written with its length rather than ended, as the static tokens' challenge is (Quarkus ends it).
        Buffer body = Buffer.buffer("Sign in at " + SIGN_IN + "\n");
        context.response().setStatusCode(HttpResponseStatus.SEE_OTHER.code())
                .putHeader(HttpHeaderNames.LOCATION, SIGN_IN)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(body.length()))
                .write(body);
        return Uni.createFrom().item(Boolean.TRUE);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ConsoleSessionRequest.class);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    private static boolean underConsole(RoutingContext context) {
        String path = context.normalizedPath();
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }
}
