package io.ssosync.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.ssosync.config.InvalidSettingException;

class EncryptionKeysTest {

    private static final String KEY_32 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String KEY_16 = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes());

    @Test
    void theFirstKeySealsAndEveryKeyIsKnownById() {
        EncryptionKeys keys = EncryptionKeys.parse("new:" + KEY_32 + ", old:" + KEY_32);
        assertEquals("new", keys.current().id());
        assertEquals(List.of("new", "old"), keys.ids());
        assertFalse(keys.current().toString().contains(KEY_32));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                      | is not set",
            "k1                      | entry 1 is not id:<base64 of 32 bytes>",
            "k1:%%%%                 | entry 1 (key k1) is not valid base64",
            "k1:SHORT                | entry 1 (key k1) is 16 bytes; AES-256 needs exactly 32",
            "k1:KEY,k1:KEY           | entry 2: key id k1 is given twice",
            "'bad id:KEY'            | entry 1 has a bad key id",
    })
    void aBadSettingNamesTheVariableAndTheEntryButNoKeyMaterial(String setting, String message) {
        String value = setting.replace("SHORT", KEY_16).replace("KEY", KEY_32);
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> EncryptionKeys.parse(value));
        assertTrue(e.getMessage().startsWith(EncryptionKeys.VARIABLE), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains(KEY_32) || e.getMessage().contains(KEY_16), e.getMessage());
    }
}
