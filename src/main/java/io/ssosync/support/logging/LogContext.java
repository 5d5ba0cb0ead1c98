package io.ssosync.support.logging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.logging.MDC;

/**
 * Names what the log lines of a stretch of work are about ({@code eventId}, {@code connectionKey},
 * {@code commandId}, {@code traceId}) in the MDC, so that every line carries them (as fields of the JSON log).
 * Closing it puts back what the MDC held before, since the thread goes on to other work.
 */
public final class LogContext implements AutoCloseable {

    private final Map<String, Object> previous = new LinkedHashMap<>();

    private LogContext() {
    }

    /** Pairs of field name and value; a null value leaves its field out. */
    public static LogContext of(Object... pairs) {
        LogContext context = new LogContext();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                String key = (String) pairs[i];
                context.previous.put(key, MDC.get(key));
                MDC.put(key, String.valueOf(pairs[i + 1]));
            }
        }
        return context;
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
