package io.ssosync.sync.domain;

/**
 * What Clerk holds of one connection, as far as we know it.
 *
 * @param api      the API the connection lives on, or null if Clerk holds nothing
 * @param clerkId  Clerk's connection id, or null if Clerk holds nothing
 * @param provider the provider Clerk holds; known even when the settings are not (an adopted connection)
 * @param applied  the settings Clerk last accepted, or null when unknown
 */
public record ClerkHolding(ClerkApi api, String clerkId, String provider, ConnectionSpec applied) {

    public static ClerkHolding nothing() {
        return new ClerkHolding(null, null, null, null);
    }

    /** After a create or an update Clerk accepted: every setting in {@code applied} is known. */
    public static ClerkHolding known(ClerkApi api, String clerkId, ConnectionSpec applied) {
        return new ClerkHolding(api, clerkId, applied.provider(), applied);
    }

    /** Found in Clerk after a create in doubt: its provider is known, its settings are not. */
    public static ClerkHolding adopted(ClerkApi api, String clerkId, String provider) {
        return new ClerkHolding(api, clerkId, provider, null);
    }

    public boolean holdsConnection() {
        return clerkId != null;
    }
}
