package io.ssosync.testing.clerksim;

import java.util.List;

/** The instance's accepted secret keys. Keys are known by their position so that no log needs the key itself. */
final class SecretKeys {

    private final List<String> keys;

    SecretKeys(List<String> keys) {
        if (keys.isEmpty() || keys.stream().anyMatch(key -> key == null || key.isBlank())) {
            throw new IllegalArgumentException("at least one non-blank secret key is needed");
        }
        this.keys = List.copyOf(keys);
    }

    String first() {
        return keys.get(0);
    }

    /** Returns a label for the key ({@code key-0}, ...) or throws Clerk's 401. */
    String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            throw ClerkErrors.authenticationMissing();
        }
        int index = keys.indexOf(authorization.substring(7).trim());
        if (index < 0) {
            throw ClerkErrors.keyInvalid();
        }
        return "key-" + index;
    }
}
