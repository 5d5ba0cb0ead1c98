package io.ssosync.testing;

import io.ssosync.crypto.EncryptionKeys;
import io.ssosync.crypto.SecretBox;

/** The encryption key the tests run with (the same as %test.sso-sync.encryption.keys), to open what they read. */
public final class TestKeys {

    public static final String SETTING = "test-k1:dGVzdC1lbmNyeXB0aW9uLWtleS0xLTMyLWJ5dGVzISE=";

    private TestKeys() {
    }

    public static SecretBox box() {
        return new SecretBox(EncryptionKeys.parse(SETTING));
    }

    /** A rejected record's raw bytes as stored: sealed with the test key (whole, as text), or null. */
    public static byte[] openRawValue(Object stored) {
        return stored == null ? null
                : box().openBytes(new String((byte[]) stored, java.nio.charset.StandardCharsets.US_ASCII),
                        "rejected_event.raw_value");
    }
}
