package io.ssosync.testing.clerksim;

/** Which Clerk API a connection was created through; the two never see each other's connections. */
public enum Flavour {
    /** {@code /v1/enterprise_connections} (SAML or OIDC). */
    ENTERPRISE,
    /** The deprecated {@code /v1/saml_connections}. */
    SAML
}
