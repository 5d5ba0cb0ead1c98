package io.ssosync.testing.local;

/** The environment variables the local run reads, with their local defaults. */
final class LocalEnv {

    static final String DEFAULT_TOPIC = "idp-registry.events";

    private LocalEnv() {
    }

    static String get(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    static boolean isSet(String name) {
        return !get(name, "").isEmpty();
    }

    static int port(String name, int fallback) {
        String value = get(name, String.valueOf(fallback));
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new IllegalArgumentException(name + " must be a port number, was \"" + value + "\"");
    }
}
