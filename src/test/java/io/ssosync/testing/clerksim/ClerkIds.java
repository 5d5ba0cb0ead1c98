package io.ssosync.testing.clerksim;

import java.security.SecureRandom;

/**
 * Clerk ids are a type prefix plus a 27-character base62 KSUID, e.g. {@code samlc_2P17P4pXsx8MmunM1pkeYeimDDd}
 * (the spec's own examples: {@code org_2xhFjEI5X2qWRvtV13BzSj8H6Dk}). Clerk's SDK tests use {@code entconn_} for
 * enterprise connections. Random rather than time-ordered: nothing may rely on id order.
 */
final class ClerkIds {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClerkIds() {
    }

    static String enterpriseConnection() {
        return "entconn_" + ksuidLike();
    }

    static String samlConnection() {
        return "samlc_" + ksuidLike();
    }

    static String oauthConfig() {
        return "oac_" + ksuidLike();
    }

    static String lowerSuffix(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(BASE62.charAt(10 + 26 + RANDOM.nextInt(26)));
        }
        return out.toString();
    }

    private static String ksuidLike() {
        StringBuilder out = new StringBuilder(27);
        for (int i = 0; i < 27; i++) {
            out.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return out.toString();
    }
}
