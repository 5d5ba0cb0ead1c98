package io.ssosync.sync.domain;

/** Which SAML assertion attributes hold the user's id, e-mail address and names. */
public record AttributeMapping(String userId, String emailAddress, String firstName, String lastName) {
}
