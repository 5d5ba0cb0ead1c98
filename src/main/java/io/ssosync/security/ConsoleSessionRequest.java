package io.ssosync.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A console session cookie's id to look up; a type of its own so that no other provider sees it. */
public class ConsoleSessionRequest extends BaseAuthenticationRequest {

    private final String sessionId;

    public ConsoleSessionRequest(String sessionId) {
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }

    @Override
    public String toString() {
        // Never the id: requests end up in debug logs.
        return "ConsoleSessionRequest";
    }
}
