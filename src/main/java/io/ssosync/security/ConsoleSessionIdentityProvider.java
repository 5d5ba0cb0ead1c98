package io.ssosync.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a live console session into the identity of the token that opened it: the same actor name and roles,
 * so that the console's actions are recorded exactly as the API's. The lookup reads PostgreSQL, off the event loop.
 */
@ApplicationScoped
public class ConsoleSessionIdentityProvider implements IdentityProvider<ConsoleSessionRequest> {

    /** The identity's attribute holding its {@link ConsoleSessions.Session}; absent for bearer callers. */
    public static final String SESSION = "sso-sync.console-session";
    /** The attribute holding the cookie's session id, for the sign-out. */
    public static final String SESSION_ID = "sso-sync.console-session-id";

    private final ConsoleSessions sessions;

    public ConsoleSessionIdentityProvider(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<ConsoleSessionRequest> getRequestType() {
        return ConsoleSessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ConsoleSessionRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> sessions.find(request.sessionId())
                .map(session -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(session.actor()))
                        .addRoles(session.roles())
                        .addAttribute(Actors.OWN_IDENTITY, Boolean.TRUE)
                        .addAttribute(SESSION, session)
                        .addAttribute(SESSION_ID, request.sessionId())
                        .build())
                .orElseThrow(() -> new AuthenticationFailedException("no live console session")));
    }
}
