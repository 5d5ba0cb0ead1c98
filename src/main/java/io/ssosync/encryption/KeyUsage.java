package io.ssosync.encryption;

import java.util.List;
import java.util.Map;

/**
 * How many stored secret values each key seals: {@code values} per key id ({@code "(clear)"} for values stored
 * before encryption), {@code unusedKeys} the configured keys that seal nothing any more and may be removed, and
 * {@code missingKeys} ids found in the database that are no longer configured (their values cannot be opened).
 */
public record KeyUsage(String currentKey, List<String> configuredKeys, Map<String, Long> values,
        List<String> unusedKeys, List<String> missingKeys) {
}
