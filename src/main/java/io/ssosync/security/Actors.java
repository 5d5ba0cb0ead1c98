package io.ssosync.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Names the caller of the current request for the audit trail: {@code token:<digest prefix>} for a static
 * token, {@code oidc:<principal>} for a JWT (its {@code upn}, {@code preferred_username} or {@code sub}), and
 * {@code anonymous} when the API is open. The prefix keeps an IdP user named "token:..." from posing as a token.
 */
@ApplicationScoped
public class Actors {

    /** Marks identities made here, as opposed to those quarkus-oidc makes. */
    static final String OWN_IDENTITY = "sso-sync.own-identity";

    private final SecurityIdentity identity;

    public Actors(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String current() {
        if (identity.isAnonymous()) {
            return "anonymous";
        }
        String name = identity.getPrincipal().getName();
        return Boolean.TRUE.equals(identity.getAttribute(OWN_IDENTITY)) ? name : "oidc:" + name;
    }
}
