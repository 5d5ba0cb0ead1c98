package io.ssosync.clerk;

/**
 * What the audit trail keeps of one call: Clerk's status and error (code, message, trace id) and how
 * long it took. A call that never left (no quota token, breaker open) has neither status nor duration.
 */
public record Exchange(Integer status, String errorCode, String errorMessage, String traceId, Long durationMs) {

    public static Exchange notSent() {
        return new Exchange(null, null, null, null, null);
    }

    /** Sent, but no answer came back (time-out, broken connection). */
    public static Exchange unanswered(long durationMs) {
        return new Exchange(null, null, null, null, durationMs);
    }

    public boolean sent() {
        return durationMs != null;
    }

    /** Clerk's answer in words, for a command's last error and the log; never holds a request body. */
    public String describe() {
        if (status == null) {
            return sent() ? "no answer from Clerk" : "not sent";
        }
        StringBuilder text = new StringBuilder("Clerk answered ").append(status);
        if (errorCode != null) {
            text.append(' ').append(errorCode);
        }
        if (errorMessage != null) {
            text.append(": ").append(errorMessage);
        }
        return text.toString();
    }
}
