package io.ssosync.console;

import java.util.Set;
import java.util.stream.Collectors;

import io.quarkus.oidc.OidcSession;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.ssosync.security.Actors;
import io.ssosync.security.ConsoleOidcTenant;
import io.ssosync.security.ConsoleSessions;
import io.ssosync.security.Roles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Where the OIDC provider's sign-in lands once quarkus-oidc has completed the code flow (state, PKCE, nonce, the ID
 * token's signature, issuer, audience and expiry): the person gets a console session of our own, the same as a
 * static token's, with the roles the ID token's role claim gives them. quarkus-oidc's session has done its job by
 * then and is ended, so that from here on only our session (its lifetime, its CSRF token, its sign-out) counts.
 */
@Path(ConsoleOidcTenant.PATH)
@Blocking
public class ConsoleOidcSignInResource {

    private final SecurityIdentity identity;
    private final Actors actors;
    private final OidcSession oidcSession;
    private final ConsoleSessions sessions;

    public ConsoleOidcSignInResource(SecurityIdentity identity, Actors actors, OidcSession oidcSession,
            ConsoleSessions sessions) {
        this.identity = identity;
        this.actors = actors;
        this.oidcSession = oidcSession;
        this.sessions = sessions;
    }

    @GET
    @Path("/sign-in")
    @Authenticated
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response signedIn() {
        // Expires quarkus-oidc's session cookie: left in place it would sign the person in again after a sign-out
        // without asking the provider.
        oidcSession.logout().await().indefinitely();
        Set<String> roles = identity.getRoles().stream().filter(Roles.ALL::contains).collect(Collectors.toSet());
        if (roles.isEmpty()) {
            return Response.status(Response.Status.FORBIDDEN).entity(ConsolePages.signIn("The identity provider signed"
                    + " you in, but gave you none of the roles viewer, auditor or operator: ask for one of them.",
                    true)).build();
        }
        ConsoleSessions.Opened opened = sessions.open(actors.current(), roles);
        // A page rather than a redirect: the browser arrives here from the provider, and a SameSite=Strict cookie is
        // not sent on a redirect that continues a cross-site navigation; the page's own navigation is same-site.
        return Response.ok(ConsolePages.signedIn()).cookie(SessionCookie.of(opened.id(), sessions.lifetime())).build();
    }
}
