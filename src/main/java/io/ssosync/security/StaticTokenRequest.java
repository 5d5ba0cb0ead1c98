package io.ssosync.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer value to look up among the static tokens; a type of its own so that OIDC's provider never sees it. */
public class StaticTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    public StaticTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    @Override
    public String toString() {
        // Never the token: requests end up in debug logs.
        return "StaticTokenRequest";
    }
}
