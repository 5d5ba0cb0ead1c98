package io.ssosync.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.ssosync.config.InvalidSettingException;

/**
 * The tokens of {@code SSO_SYNC_API_TOKENS}, kept only as SHA-256 digests. A token listed under several roles
 * has all of them. Error messages give an entry's position, never its text: a malformed entry may be a token.
 */
public final class StaticTokens {

    static final String VARIABLE = "SSO_SYNC_API_TOKENS";
    private static final String DIGEST_PREFIX = "sha256:";
    private static final int DIGEST_BYTES = 32;
    /** Enough of the digest to tell tokens apart in the audit trail, too little to search for the token. */
    private static final int NAME_HEX_DIGITS = 12;

    /** A configured token: its digest, the name it acts under, and its roles. */
    public record Token(byte[] digest, String name, Set<String> roles) {
    }

    private final List<Token> tokens;

    private StaticTokens(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static StaticTokens parse(Optional<String> setting) {
        Map<String, Set<String>> rolesByDigest = new LinkedHashMap<>();
        if (setting.isPresent() && !setting.get().isBlank()) {
            String[] entries = setting.get().split(",", -1);
            for (int i = 0; i < entries.length; i++) {
                Entry entry = entry(entries[i].trim(), i + 1, entries.length);
                rolesByDigest.computeIfAbsent(HexFormat.of().formatHex(entry.digest), d -> new TreeSet<>())
                        .add(entry.role);
            }
        }
        List<Token> tokens = new ArrayList<>();
        rolesByDigest.forEach((hex, roles) -> tokens.add(new Token(HexFormat.of().parseHex(hex),
                "token:" + hex.substring(0, NAME_HEX_DIGITS), Set.copyOf(roles))));
        return new StaticTokens(List.copyOf(tokens));
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    /**
     * The configured token the presented one is, if any. Every digest is compared, in constant time, so that
     * the time taken tells nothing about which entry, or how much of one, matched.
     */
    public Optional<Token> match(String presented) {
        byte[] digest = sha256(presented);
        Token found = null;
        for (Token token : tokens) {
            if (MessageDigest.isEqual(token.digest(), digest)) {
                found = token;
            }
        }
        return Optional.ofNullable(found);
    }

    private record Entry(String role, byte[] digest) {
    }

    private static Entry entry(String text, int position, int count) {
        int colon = text.indexOf(':');
        String role = colon < 0 ? "" : text.substring(0, colon).trim();
        if (!Roles.ALL.contains(role)) {
            throw invalid(position, count, "must start with a role, one of viewer, auditor, operator, and a colon");
        }
        String secret = text.substring(colon + 1).trim();
        if (secret.startsWith(DIGEST_PREFIX)) {
            return new Entry(role, parseDigest(secret.substring(DIGEST_PREFIX.length()).trim(), position, count));
        }
        if (secret.isEmpty()) {
            throw invalid(position, count, "has an empty token");
        }
        return new Entry(role, sha256(secret));
    }

    private static byte[] parseDigest(String hex, int position, int count) {
        try {
            byte[] digest = HexFormat.of().parseHex(hex);
            if (digest.length == DIGEST_BYTES) {
                return digest;
            }
        } catch (IllegalArgumentException e) {
            // reported below, without the text
        }
        throw invalid(position, count, "must give the SHA-256 of the token as 64 hex digits after \"sha256:\"");
    }

    private static InvalidSettingException invalid(int position, int count, String problem) {
        return new InvalidSettingException(VARIABLE + ": entry " + position + " of " + count + " " + problem
                + " (entries are comma-separated role:token or role:sha256:<hex>; the entry is not shown, it may"
                + " hold a token)");
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
