package io.ssosync.testing.clerksim;

/** One entry of Clerk's {@code errors} array; {@code paramName} goes to {@code meta.param_name} when set. */
record ClerkError(String message, String longMessage, String code, String paramName) {

    static ClerkError of(String code, String message, String longMessage) {
        return new ClerkError(message, longMessage, code, null);
    }

    static ClerkError forParam(String code, String paramName, String message, String longMessage) {
        return new ClerkError(message, longMessage, code, paramName);
    }
}
