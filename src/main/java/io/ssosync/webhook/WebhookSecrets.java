package io.ssosync.webhook;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.ssosync.config.InvalidSettingException;

/**
 * The shared secrets webhooks are signed with, as Standard Webhooks writes them ({@code whsec_<base64>}).
 * Several are accepted at once so that the registry can move to a new secret before the old one goes.
 */
public final class WebhookSecrets {

    public static final String VARIABLE = "IDP_WEBHOOK_SECRETS";
    private static final String PREFIX = "whsec_";

    private final List<byte[]> keys;

    private WebhookSecrets(List<byte[]> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Space-separated secrets; blank means the webhook endpoint is off. Never echoes a secret in an error. */
    public static WebhookSecrets parse(String value) {
        List<byte[]> keys = new ArrayList<>();
        String[] entries = value == null || value.isBlank() ? new String[0] : value.trim().split("\\s+");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            String position = "entry " + (i + 1) + " of " + VARIABLE;
            if (!entry.startsWith(PREFIX)) {
                throw new InvalidSettingException(position + " must start with \"" + PREFIX + "\"");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry.substring(PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(position + " must be \"" + PREFIX + "\" followed by base64");
            }
            if (key.length < 24) {
                throw new InvalidSettingException(position + " holds " + key.length
                        + " bytes; a webhook secret needs at least 24 (Standard Webhooks uses 24 to 64)");
            }
            keys.add(key);
        }
        return new WebhookSecrets(keys);
    }

    public boolean configured() {
        return !keys.isEmpty();
    }

    List<byte[]> keys() {
        return keys;
    }
}
