package io.ssosync.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the service under {@code sso-sync.*}. application.properties maps the documented
 * environment variables onto these keys ({@code CLERK_RATE_LIMIT} onto {@code sso-sync.clerk.rate-limit}
 * and so on); the {@code SSO_SYNC_*} variables match their keys directly. SmallRye checks presence and
 * type; {@link StartupChecks} checks ranges, naming the variable. Other mappings may live under
 * {@code sso-sync.} too (Quarkus does not reject keys a mapping does not know).
 */
@ConfigMapping(prefix = "sso-sync")
public interface SsoSyncConfig {

    Clerk clerk();

    Ingest ingest();

    Dispatch dispatch();

    Webhook webhook();

    Api api();

    Http http();

    Console console();

    Encryption encryption();

    Audit audit();

    Reconcile reconcile();

    Metrics metrics();

    interface Clerk {

        /** {@code CLERK_SECRET_KEY}; required, checked by {@link ClerkSettings} to name the variable. */
        Optional<String> secretKey();

        /** {@code CLERK_API}: {@code enterprise} or {@code saml}. */
        String api();

        /** {@code CLERK_API_URL}. */
        String apiUrl();

        /** The date-versioned API this client is written against (not a deployment setting). */
        String apiVersion();

        /**
         * {@code CLERK_RATE_LIMIT}, requests per 10 s. Text, parsed by {@link ClerkSettings}: SmallRye's own
         * conversion error would name only the key, not the variable.
         */
        String rateLimit();

        /** {@code CLERK_TIMEOUT_MS}; text for the same reason. SmallRye Fault Tolerance reads it as the time-out. */
        String timeoutMs();

        /** How long the one Clerk breaker stays open; SmallRye Fault Tolerance and dispatch both read it. */
        long breakerDelayMs();
    }

    interface Ingest {

        /** {@code SSO_SYNC_INGEST_MAX_EVENT_BYTES}: events larger than this are rejected rather than stored. */
        @WithDefault("262144")
        int maxEventBytes();

        /** {@code SSO_SYNC_INGEST_MAX_OUTBOX}: unsent commands above which the consumer pauses; it resumes at half. */
        @WithDefault("10000")
        long maxOutbox();

        /**
         * {@code SSO_SYNC_INGEST_CONSUMERS}: Kafka consumers in this process, each taking its share of the topic's
         * partitions and recording its own batches; the connector reads it as the channel's concurrency.
         */
        @WithDefault("1")
        int consumers();
    }

    interface Dispatch {

        /**
         * Commands sent at once by this instance (each to a different connection). Two could not use a development
         * key's whole quota while the JVM was still compiling; four can (README "Performance").
         */
        @WithDefault("4")
        int workers();

        /** How long a claimed command stays with its dispatcher before another may take it over. */
        @WithDefault("PT60S")
        Duration lease();

        /** First delay of the durable retry after a transient failure; it doubles per attempt. */
        @WithDefault("PT1S")
        Duration retryInitialDelay();

        @WithDefault("PT5M")
        Duration retryMaxDelay();

        /** How long a command may keep failing transiently before it is parked as DEAD for an operator. */
        @WithDefault("PT24H")
        Duration maxAge();

        /** While Clerk rejects the secret key, how often one cheap call checks whether it accepts it again. */
        @WithDefault("PT15S")
        Duration keyProbeInterval();

        /** Longest idle wait between checks for due retries when no notification arrives. */
        @WithDefault("PT5S")
        Duration idlePoll();
    }

    interface Webhook {

        /** {@code IDP_WEBHOOK_SECRETS}: space-separated {@code whsec_<base64>}; none turns the endpoint off. */
        Optional<String> secrets();
    }

    interface Api {

        /** {@code SSO_SYNC_API_TOKENS}: comma-separated {@code role:token} or {@code role:sha256:<hex>} entries. */
        Optional<String> tokens();

        /** {@code SSO_SYNC_API_AUTH}: {@code none} opens the API to anyone; unset, credentials are required. */
        Optional<String> auth();
    }

    interface Console {

        /** {@code SSO_SYNC_CONSOLE_SESSION_LIFETIME}: how long a console sign-in lasts, from sign-in. */
        @WithDefault("PT8H")
        Duration sessionLifetime();

        /** Sign-in through an OIDC provider's authorization-code flow; off unless its server is set. */
        ConsoleOidc oidc();
    }

    /**
     * The console's own OIDC client ({@code SSO_SYNC_CONSOLE_OIDC_*}), apart from the API's bearer-JWT settings:
     * the console is a confidential client of the provider, the API only checks tokens.
     * {@link io.ssosync.security.ConsoleOidcSettings} checks that they come together.
     */
    interface ConsoleOidc {

        /** {@code SSO_SYNC_CONSOLE_OIDC_SERVER_URL}: the provider's issuer base URL (discovery is read from it). */
        Optional<String> serverUrl();

        /** {@code SSO_SYNC_CONSOLE_OIDC_CLIENT_ID}. */
        Optional<String> clientId();

        /** {@code SSO_SYNC_CONSOLE_OIDC_CLIENT_SECRET}; never logged. */
        Optional<String> clientSecret();

        /** {@code SSO_SYNC_CONSOLE_OIDC_ROLE_CLAIM_PATH}: the ID token's claim listing the roles. */
        String roleClaimPath();

        /** {@code SSO_SYNC_CONSOLE_OIDC_SCOPES}: scopes asked for beside {@code openid}, e.g. {@code groups}. */
        Optional<List<String>> scopes();
    }

    interface Http {

        /**
         * {@code SSO_SYNC_HTTP_HSTS}: the {@code Strict-Transport-Security} value to send, e.g.
         * {@code max-age=31536000}; unset, none is sent (the service itself speaks plain HTTP behind a TLS proxy).
         */
        Optional<String> hsts();
    }

    interface Encryption {

        /**
         * {@code SSO_SYNC_ENCRYPTION_KEYS}: comma-separated {@code id:<base64 of 32 bytes>}, the first sealing;
         * required, checked by {@code EncryptionKeys} to name the variable.
         */
        Optional<String> keys();
    }

    interface Audit {

        /**
         * {@code SSO_SYNC_AUDIT_RETENTION}, e.g. {@code P400D}: audit rows older than this are deleted, leaving a
         * checkpoint the hash chain is verified from; unset, nothing is deleted.
         */
        Optional<Duration> retention();

        /** {@code SSO_SYNC_AUDIT_RETENTION_INTERVAL}: how often the deletion runs. */
        @WithDefault("PT1H")
        Duration retentionInterval();
    }

    interface Reconcile {

        /**
         * {@code SSO_SYNC_RECONCILE_INTERVAL}, e.g. {@code PT6H}: how often one replica compares what we want with
         * what Clerk holds and records the drift it finds (a plan; nothing is repaired); unset, only on request.
         */
        Optional<Duration> interval();
    }

    interface Metrics {

        /**
         * {@code SSO_SYNC_METRICS_REFRESH_INTERVAL}: how often the gauges of the shared state (outbox, pause,
         * reconcile drift) are read from the database; scrapes in between show the last reading.
         */
        @WithDefault("PT5S")
        Duration refreshInterval();
    }
}
