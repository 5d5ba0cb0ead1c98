package io.ssosync.sync.domain;

import java.util.List;

/**
 * What Clerk sends the IdP as {@code login_hint} on an SSO sign-in: the user's e-mail address, the value of one of
 * the user's public metadata keys ({@code source}, only with {@code custom_attribute}), or nothing.
 */
public record LoginHint(String mode, String source) {

    public static final String CUSTOM_ATTRIBUTE = "custom_attribute";

    /** The modes Clerk's spec (bapi.yml, 2026-05-12) lists. */
    public static final List<String> MODES = List.of("email_address", CUSTOM_ATTRIBUTE, "off");
}
