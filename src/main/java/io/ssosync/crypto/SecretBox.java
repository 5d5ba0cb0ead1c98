package io.ssosync.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals secrets for storage with AES-256-GCM (the JDK's AEAD): {@code enc:v1:<keyId>:<base64(nonce || ciphertext
 * and tag)>}, a fresh 96-bit random nonce per value. The place a value is stored in is bound as associated data,
 * so a sealed value copied into another column or field does not open. A value without the prefix was stored
 * before encryption was introduced and is read as it is, until re-encryption seals it.
 */
public final class SecretBox {

    /** Stands, in key counts, for values stored before encryption and not yet sealed. */
    public static final String CLEAR = "(clear)";
    static final String PREFIX = "enc:v1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final EncryptionKeys keys;
    private final SecureRandom random = new SecureRandom();
    // A Cipher is not thread-safe, and getting one and expanding its key each time was a tenth of intake's CPU in a
    // profile: each thread re-initialises its own, with a fresh nonce for every value it seals.
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(SecretBox::newCipher);

    public SecretBox(EncryptionKeys keys) {
        this.keys = keys;
    }

    public String seal(String plaintext, String place) {
        return plaintext == null ? null : sealBytes(plaintext.getBytes(StandardCharsets.UTF_8), place);
    }

    public String open(String stored, String place) {
        return stored == null || !isSealed(stored) ? stored : new String(openBytes(stored, place),
                StandardCharsets.UTF_8);
    }

    /** Seals bytes that need not be text (a record's raw value) into the same textual form. */
    public String sealBytes(byte[] plaintext, String place) {
        EncryptionKeys.Key key = keys.current();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(place.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
            return PREFIX + key.id() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    public byte[] openBytes(String sealed, String place) {
        int colon = isSealed(sealed) ? sealed.indexOf(':', PREFIX.length()) : -1;
        if (colon < 0) {
            throw new SealedValueException("a sealed value at " + place + " is malformed");
        }
        EncryptionKeys.Key key = keys.byId(sealed.substring(PREFIX.length(), colon));
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(colon + 1));
            if (in.length <= NONCE_BYTES) {
                throw new SealedValueException("a sealed value at " + place + " is malformed");
            }
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(place.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SealedValueException("a sealed value at " + place + " does not open under key " + key.id()
                    + ": it was altered or moved");
        } catch (IllegalArgumentException e) {
            throw new SealedValueException("a sealed value at " + place + " is malformed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** The key a stored value is sealed under, or {@link #CLEAR} for a value stored before encryption. */
    public static String keyIdOf(String stored) {
        if (stored == null || !isSealed(stored)) {
            return CLEAR;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        return colon < 0 ? CLEAR : stored.substring(PREFIX.length(), colon);
    }

    public String currentKeyId() {
        return keys.current().id();
    }

    public List<String> keyIds() {
        return keys.ids();
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }
}
