package io.ssosync.console;

import java.time.Duration;

import io.ssosync.security.ConsoleSessionMechanism;
import jakarta.ws.rs.core.NewCookie;

/**
 * The console's session cookie, whichever way the person signed in: a random id (never a token), secure, HttpOnly,
 * SameSite=Strict and limited to /console.
 */
final class SessionCookie {

    private SessionCookie() {
    }

    static NewCookie of(String sessionId, Duration lifetime) {
        return cookie(sessionId, (int) lifetime.toSeconds());
    }

    static NewCookie ended() {
        return cookie("", 0);
    }

    private static NewCookie cookie(String value, int maxAgeSeconds) {
        return new NewCookie.Builder(ConsoleSessionMechanism.COOKIE).value(value).path(ConsoleSessionMechanism.PATH)
                .secure(true).httpOnly(true).sameSite(NewCookie.SameSite.STRICT).maxAge(maxAgeSeconds).build();
    }
}
