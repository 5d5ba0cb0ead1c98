package io.ssosync.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.ssosync.config.SsoSyncConfig;
import io.ssosync.support.jdbc.Transactions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The console's sign-ins, kept in PostgreSQL so that every replica knows them and a sign-out ends them
 * everywhere. The cookie carries a random id; the table only its SHA-256, beside the actor and roles of the
 * token or OIDC user that signed in (never a token) and the session's CSRF token.
 */
@ApplicationScoped
public class ConsoleSessions {

    /** A live session: who it acts as, with which roles, the CSRF token its forms carry, and when it ends. */
    public record Session(String actor, Set<String> roles, String csrfToken, Instant expiresAt) {
    }

    /** A new session and the id its cookie carries. */
    public record Opened(String id, Session session) {
    }

    private static final int RANDOM_BYTES = 32;

    private final Transactions transactions;
    private final StaticTokens tokens;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    public ConsoleSessions(Transactions transactions, ApiAccess access, SsoSyncConfig config) {
        this.transactions = transactions;
        this.tokens = access.tokens();
        this.lifetime = config.console().sessionLifetime();
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** Signs in with a static token; empty if it is none of the configured ones. */
    public Optional<Opened> signIn(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return tokens.match(token.trim()).map(match -> open(match.name(), match.roles()));
    }

    /**
     * Opens a session acting as {@code actor} with {@code roles}, for a person the OIDC provider signed in. Ended
     * sessions are dropped.
     */
    public Opened open(String actor, Set<String> roles) {
        String id = randomText();
        Session session = new Session(actor, Set.copyOf(roles), randomText(), clock.instant().plus(lifetime));
        transactions.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from console_session where expires_at < now()")) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into console_session"
                    + " (id_hash, actor, roles, csrf_token, expires_at) values (?, ?, ?, ?, ?)")) {
                ps.setBytes(1, sha256(id));
                ps.setString(2, session.actor());
                ps.setString(3, String.join(",", new TreeSet<>(session.roles())));
                ps.setString(4, session.csrfToken());
                ps.setTimestamp(5, Timestamp.from(session.expiresAt()));
                ps.executeUpdate();
            }
        });
        return new Opened(id, session);
    }

    /** The live session the cookie's id names, if any. */
    public Optional<Session> find(String id) {
        return transactions.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select actor, roles, csrf_token, expires_at"
                    + " from console_session where id_hash = ? and expires_at > now()")) {
                ps.setBytes(1, sha256(id));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Session>empty();
                    }
                    return Optional.of(new Session(rs.getString("actor"),
                            Set.copyOf(Arrays.asList(rs.getString("roles").split(","))), rs.getString("csrf_token"),
                            rs.getTimestamp("expires_at").toInstant()));
                }
            }
        });
    }

    public void signOut(String id) {
        transactions.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from console_session where id_hash = ?")) {
                ps.setBytes(1, sha256(id));
                ps.executeUpdate();
            }
        });
    }

    /** Whether a form's CSRF token is the session's, compared in constant time. */
    public static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private String randomText() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String id) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
