package io.ssosync.console;

import java.net.URI;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.ssosync.http.Problem;
import io.ssosync.http.ProblemException;
import io.ssosync.security.ConsoleOidcSettings;
import io.ssosync.security.ConsoleSessionMechanism;
import io.ssosync.security.ConsoleSessions;
import io.ssosync.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Signing in to the console with a static token, entered once: the answer sets the {@link SessionCookie} (the token
 * itself is never stored). The page also offers the OIDC provider's sign-in where it is configured.
 */
@Path("/console")
@Blocking
public class ConsoleSignInResource {

    private final ConsoleSessions sessions;
    private final ConsoleUser me;
    private final boolean sso;

    public ConsoleSignInResource(ConsoleSessions sessions, ConsoleUser me, ConsoleOidcSettings oidc) {
        this.sessions = sessions;
        this.me = me;
        this.sso = oidc.enabled();
    }

    @GET
    @Path("/sign-in")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return ConsolePages.signIn(null, sso);
    }

    @POST
    @Path("/sign-in")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@FormParam("token") String token, @HeaderParam("Sec-Fetch-Site") String fetchSite) {
        if ("cross-site".equals(fetchSite)) {
            // Another site posting a token of its own would sign the person in as someone else (login CSRF).
            throw new ProblemException(Problem.of(403, "sign in from the console's own page"));
        }
        return sessions.signIn(token)
                .map(opened -> Response.seeOther(URI.create("/console/connections"))
                        .cookie(SessionCookie.of(opened.id(), sessions.lifetime())).build())
                .orElseGet(() -> Response.status(Response.Status.UNAUTHORIZED)
                        .entity(ConsolePages.signIn("That is not a token this service knows.", sso)).build());
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.VIEWER, Roles.AUDITOR, Roles.OPERATOR })
    public Response signOut(@FormParam("csrf") String csrf) {
        me.checkCsrf(csrf);
        String id = me.sessionId();
        if (id != null) {
            sessions.signOut(id);
        }
        return Response.seeOther(URI.create(ConsoleSessionMechanism.SIGN_IN)).cookie(SessionCookie.ended()).build();
    }
}
