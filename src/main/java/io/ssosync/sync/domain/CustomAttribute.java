package io.ssosync.sync.domain;

/**
 * An attribute Clerk maps from the IdP into the user's metadata under {@code key}: from SSO claims at
 * {@code ssoPath}, from SCIM or directory sync at {@code scimPath} / {@code directoryPath} (Clerk's new name for
 * the same path). Unset parts are left to Clerk.
 */
public record CustomAttribute(String name, String key, String ssoPath, String scimPath, String directoryPath,
        Boolean multiValued) {
}
