/**
 * A faithful, in-memory fake of Clerk's Backend API for SSO connections, for tests only; start one with
 * {@link io.ssosync.testing.clerksim.ClerkSimulator#start()}.
 *
 * <p>Requests are checked against Clerk's published OpenAPI spec ({@code src/test/resources/clerk/bapi.yml},
 * a verbatim copy) and against the rules the spec states in prose. Where the simulator is stricter than what is
 * known of Clerk, it is on purpose, so that the client is caught rather than Clerk's leniency relied on:
 * <ul>
 *   <li>domains must already be lower-case FQDNs (the spec says Clerk lower-cases them);</li>
 *   <li>{@code idp_certificate} must parse as X.509 (use {@link io.ssosync.testing.clerksim.SampleCertificates});</li>
 *   <li>{@code *_url} fields must be http(s) URLs and {@code organization_id} must look like {@code org_...};</li>
 *   <li>a request body must come with {@code Content-Type: application/json}.</li>
 * </ul>
 * Where the spec says nothing the simulator picks the plain reading: an explicit {@code null} in a PATCH means
 * "no change"; a {@code saml} block sent for an OIDC provider (or {@code oidc} for SAML) is ignored; the two
 * flavours (enterprise and legacy SAML) share the domain namespace but do not list each other's connections.
 */
package io.ssosync.testing.clerksim;
