package io.ssosync.clerk.quota;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;

import io.ssosync.config.ClerkSettings;
import io.ssosync.support.jdbc.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Clerk's request quota for our secret key, shared through PostgreSQL by every replica: one row per
 * key holds the token bucket and any pause Clerk asked for with Retry-After. SmallRye's
 * {@code @RateLimit} counts per JVM and cannot see the other replicas, hence the database.
 */
@ApplicationScoped
public class ClerkQuota {

    static final Duration CLERK_WINDOW = Duration.ofSeconds(10);

    private final Transactions transactions;
    private final TokenBucket bucket;
    private final String keyId;

    @Inject
    public ClerkQuota(Transactions transactions, ClerkSettings settings) {
        this(transactions, settings.rateLimit(), settings.keyId());
    }

    ClerkQuota(Transactions transactions, int rateLimit, String keyId) {
        this.transactions = transactions;
        this.bucket = TokenBucket.forLimit(rateLimit, CLERK_WINDOW);
        this.keyId = keyId;
    }

    /**
     * Takes a token if one is there and Clerk has not asked us to pause.
     *
     * @return zero if a token was taken, else how long to wait before asking again
     */
    public Duration tryAcquire() {
        return transactions.inTransaction(c -> {
            ensureRow(c);
            // The clock is read in the locking select and the row saved as refilled at that very instant: a save
            // stamped with a later clock lost the time in between from every try, most of all from the many tries
            // of workers waiting for the same token. If another replica saved the row while this select waited for
            // its lock, PostgreSQL evaluates the select list again on the saved row, clock included, so no time is
            // counted twice (checked in psql: the clock then reads after the wait).
            try (PreparedStatement ps = c.prepareStatement("select tokens, refilled_at, paused_until,"
                    + " clock_timestamp() as now from clerk_quota where key_id = ? for update")) {
                ps.setString(1, keyId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    OffsetDateTime now = rs.getObject("now", OffsetDateTime.class);
                    OffsetDateTime pausedUntil = rs.getObject("paused_until", OffsetDateTime.class);
                    if (pausedUntil != null && pausedUntil.isAfter(now)) {
                        return Duration.between(now, pausedUntil);
                    }
                    double elapsed = Duration.between(rs.getObject("refilled_at", OffsetDateTime.class), now).toNanos()
                            / 1e9;
                    double tokens = bucket.refill(rs.getDouble("tokens"), elapsed);
                    Duration wait = bucket.untilNextToken(tokens);
                    save(c, wait.isZero() ? tokens - 1 : tokens, now);
                    return wait;
                }
            }
        });
    }

    /**
     * Waits for a token for at most {@code maxWait}.
     *
     * @return zero once a token was taken, else how long until one may be there (more than was left of
     *         {@code maxWait})
     */
    public Duration acquire(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            Duration wait = tryAcquire();
            if (wait.isZero() || System.nanoTime() + wait.toNanos() > deadline) {
                return wait;
            }
            Thread.sleep(Math.max(1, wait.toMillis()));
        }
    }

    /** How long dispatch stays paused on Clerk's request; zero if it is not. */
    public Duration pausedFor() {
        return transactions.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select greatest(0, extract(epoch from"
                    + " (paused_until - clock_timestamp()))) from clerk_quota where key_id = ?")) {
                ps.setString(1, keyId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Duration.ofMillis((long) Math.ceil(rs.getDouble(1) * 1000)) : Duration.ZERO;
                }
            }
        });
    }

    /** Clerk answered 429 with Retry-After: every replica holds its calls on this key until then. */
    public void pause(Duration retryAfter) {
        transactions.run(c -> {
            ensureRow(c);
            try (PreparedStatement ps = c.prepareStatement("update clerk_quota set tokens = 0,"
                    + " refilled_at = clock_timestamp(), paused_until = greatest(paused_until,"
                    + " clock_timestamp() + ? * interval '1 millisecond') where key_id = ?")) {
                ps.setLong(1, retryAfter.toMillis());
                ps.setString(2, keyId);
                ps.executeUpdate();
            }
        });
    }

    private void ensureRow(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into clerk_quota (key_id, tokens, refilled_at)"
                + " values (?, ?, clock_timestamp()) on conflict (key_id) do nothing")) {
            ps.setString(1, keyId);
            ps.setDouble(2, bucket.capacity());
            ps.executeUpdate();
        }
    }

    private void save(Connection c, double tokens, OffsetDateTime refilledAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update clerk_quota set tokens = ?, refilled_at = ?"
                + " where key_id = ?")) {
            ps.setDouble(1, tokens);
            ps.setObject(2, refilledAt);
            ps.setString(3, keyId);
            ps.executeUpdate();
        }
    }
}
