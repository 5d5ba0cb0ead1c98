package io.ssosync.console;

import io.quarkus.security.identity.SecurityIdentity;
import io.ssosync.http.Problem;
import io.ssosync.http.ProblemException;
import io.ssosync.security.Actors;
import io.ssosync.security.ConsoleSessionIdentityProvider;
import io.ssosync.security.ConsoleSessions;
import io.ssosync.security.Roles;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who is at the console: what the pages show them (an operator's buttons, an auditor's history) and the CSRF
 * token their forms carry. A caller with a bearer header has no session, hence no CSRF token to check: a browser
 * never sends such a header on its own.
 */
@RequestScoped
public class ConsoleUser {

    private final SecurityIdentity identity;
    private final Actors actors;

    public ConsoleUser(SecurityIdentity identity, Actors actors) {
        this.identity = identity;
        this.actors = actors;
    }

    public String actor() {
        return actors.current();
    }

    public boolean canOperate() {
        return identity.hasRole(Roles.OPERATOR);
    }

    public boolean canAudit() {
        return identity.hasRole(Roles.AUDITOR);
    }

    /** True when signed in through the sign-in page (the page then offers a sign-out). */
    public boolean signedIn() {
        return session() != null;
    }

    /** The session's CSRF token for the forms; empty for bearer callers. */
    public String csrf() {
        ConsoleSessions.Session session = session();
        return session == null ? "" : session.csrfToken();
    }

    /** The cookie's session id, for the sign-out; null for bearer callers. */
    String sessionId() {
        return identity.getAttribute(ConsoleSessionIdentityProvider.SESSION_ID);
    }

    /** Refuses a form posted within a session without the session's CSRF token: a 403. */
    void checkCsrf(String presented) {
        ConsoleSessions.Session session = session();
        if (session != null && !ConsoleSessions.csrfMatches(session, presented)) {
            throw new ProblemException(Problem.of(403, "the form's CSRF token is missing or not this session's;"
                    + " reload the page and try again"));
        }
    }

    private ConsoleSessions.Session session() {
        return identity.getAttribute(ConsoleSessionIdentityProvider.SESSION);
    }
}
