package io.ssosync.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = "k2:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String SECRET = "oidc-client-secret-4711";

    @Test
    void aSealedValueOpensToItselfNamesItsKeyAndNeverShowsThePlaintext() {
        SecretBox box = new SecretBox(EncryptionKeys.parse(K1));
        String sealed = box.seal(SECRET, "spec.oidc.clientSecret");
        assertTrue(sealed.startsWith("enc:v1:k1:"), sealed);
        assertFalse(sealed.contains(SECRET));
        assertFalse(sealed.contains(Base64.getEncoder().encodeToString(SECRET.getBytes())));
        assertEquals("k1", SecretBox.keyIdOf(sealed));
        assertEquals(SECRET, box.open(sealed, "spec.oidc.clientSecret"));
        assertNotEquals(sealed, box.seal(SECRET, "spec.oidc.clientSecret"), "a fresh nonce for every value");
    }

    @Test
    void bytesThatAreNotTextRoundTrip() {
        SecretBox box = new SecretBox(EncryptionKeys.parse(K1));
        byte[] raw = { 0, (byte) 0xff, (byte) 0xc3, 0x28, 10 };
        assertArrayEquals(raw, box.openBytes(box.sealBytes(raw, "raw"), "raw"));
    }

    @Test
    void threadsSealingAndOpeningAtOnceEachGetTheirOwnValuesBackEvenAfterARefusedOne() throws Exception {
        SecretBox box = new SecretBox(EncryptionKeys.parse(K1));
        String moved = box.seal(SECRET, "a");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> rounds = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String place = "spec." + t;
                rounds.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String secret = SECRET + place + i;
                        String sealed = box.seal(secret, place);
                        if (i % 100 == 0) {
                            assertThrows(SealedValueException.class, () -> box.open(moved, place));
                        }
                        if (!secret.equals(box.open(sealed, place))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> round : rounds) {
                assertTrue(round.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aValueStoredBeforeEncryptionReadsAsItIs() {
        SecretBox box = new SecretBox(EncryptionKeys.parse(K1));
        assertEquals(SECRET, box.open(SECRET, "spec.oidc.clientSecret"));
        assertEquals(SecretBox.CLEAR, SecretBox.keyIdOf(SECRET));
    }

    @Test
    void anAlteredOrMovedValueDoesNotOpenAndTheErrorHoldsNoSecret() {
        SecretBox box = new SecretBox(EncryptionKeys.parse(K1));
        String sealed = box.seal(SECRET, "spec.oidc.clientSecret");
        char last = sealed.charAt(sealed.length() - 3);
        String altered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);
        SealedValueException tampered = assertThrows(SealedValueException.class,
                () -> box.open(altered, "spec.oidc.clientSecret"));
        assertFalse(tampered.getMessage().contains(SECRET));
        assertThrows(SealedValueException.class, () -> box.open(sealed, "spec.saml.idpCertificate"),
                "bound to the place it was stored in");
    }

    @Test
    void anOldKeyStillOpensAfterANewOneIsPutFirstAndARemovedKeyIsNamed() {
        String underK1 = new SecretBox(EncryptionKeys.parse(K1)).seal(SECRET, "p");
        SecretBox rotated = new SecretBox(EncryptionKeys.parse(K2 + "," + K1));
        assertEquals(SECRET, rotated.open(underK1, "p"));
        assertEquals("k2", SecretBox.keyIdOf(rotated.seal(SECRET, "p")));
        SealedValueException gone = assertThrows(SealedValueException.class,
                () -> new SecretBox(EncryptionKeys.parse(K2)).open(underK1, "p"));
        assertTrue(gone.getMessage().contains("k1") && gone.getMessage().contains(EncryptionKeys.VARIABLE),
                gone.getMessage());
    }
}
