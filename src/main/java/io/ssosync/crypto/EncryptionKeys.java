package io.ssosync.crypto;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.ssosync.config.InvalidSettingException;

/**
 * The keys of {@code SSO_SYNC_ENCRYPTION_KEYS}: comma-separated {@code id:<base64 of 32 bytes>}, the first one
 * encrypting, every one decrypting, so that values sealed under an older key stay readable after a new key is
 * put first. Error messages name the entry by position and id, never by its key material.
 */
public final class EncryptionKeys {

    public static final String VARIABLE = "SSO_SYNC_ENCRYPTION_KEYS";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int KEY_BYTES = 32;

    private final List<Key> keys;

    private EncryptionKeys(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /** One key: its id, stored beside every value it seals, and the AES-256 key. */
    public record Key(String id, SecretKey secret) {
        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    public static EncryptionKeys parse(String setting) {
        if (setting == null || setting.isBlank()) {
            throw new InvalidSettingException(VARIABLE + " is not set: give at least one key as id:<base64 of 32"
                    + " random bytes>, e.g. k1:$(openssl rand -base64 32)");
        }
        List<Key> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] entries = setting.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            int colon = entry.indexOf(':');
            String where = VARIABLE + " entry " + (i + 1);
            if (colon < 0) {
                throw new InvalidSettingException(where + " is not id:<base64 of 32 bytes>");
            }
            String id = entry.substring(0, colon);
            if (!ID.matcher(id).matches()) {
                throw new InvalidSettingException(where + " has a bad key id: use 1 to 32 letters, digits, - or _");
            }
            if (!ids.add(id)) {
                throw new InvalidSettingException(where + ": key id " + id + " is given twice");
            }
            keys.add(new Key(id, new SecretKeySpec(decode(entry.substring(colon + 1).trim(), where + " (key " + id
                    + ")"), "AES")));
        }
        return new EncryptionKeys(keys);
    }

    private static byte[] decode(String base64, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(where + " is not valid base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new InvalidSettingException(where + " is " + bytes.length + " bytes; AES-256 needs exactly "
                    + KEY_BYTES);
        }
        return bytes;
    }

    /** The key new values are sealed under. */
    public Key current() {
        return keys.get(0);
    }

    public Key byId(String id) {
        for (Key key : keys) {
            if (key.id().equals(id)) {
                return key;
            }
        }
        throw new SealedValueException("a stored value is sealed under key " + id + ", which " + VARIABLE
                + " no longer holds: add it back (after the new key) until re-encryption has moved every value");
    }

    public List<String> ids() {
        return keys.stream().map(Key::id).toList();
    }
}
