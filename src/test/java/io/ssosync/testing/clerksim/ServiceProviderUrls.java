package io.ssosync.testing.clerksim;

/**
 * The SP side of a SAML connection, as Clerk derives it from the instance's Frontend API host. The simulator has
 * no Frontend API; the host is a reserved test name so that nothing can resolve it.
 */
final class ServiceProviderUrls {

    private static final String FRONTEND_API = "https://clerk.simulator.test";

    private ServiceProviderUrls() {
    }

    static String acsUrl(String samlConnectionId) {
        return FRONTEND_API + "/v1/saml/acs/" + samlConnectionId;
    }

    static String spEntityId(String samlConnectionId) {
        return FRONTEND_API + "/saml/" + samlConnectionId;
    }

    static String spMetadataUrl(String samlConnectionId) {
        return FRONTEND_API + "/v1/saml/metadata/" + samlConnectionId;
    }
}
