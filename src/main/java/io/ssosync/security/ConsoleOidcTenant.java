package io.ssosync.security;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.oidc.runtime.OidcTenantConfig.Roles.Source;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The quarkus-oidc tenant people sign in to the console with: a web application (authorization-code flow with PKCE
 * and nonce) on {@link #PATH} only, so that the API's bearer JWTs and every other console path never meet it. Made
 * here rather than in application.properties so that it exists only when {@link ConsoleOidcSettings} has a client:
 * every other request falls through to the static tenants.
 */
@ApplicationScoped
public class ConsoleOidcTenant implements TenantConfigResolver {

    /** Where the code flow runs and lands; the redirect URI to register is {@link #SIGN_IN} on this host. */
    public static final String PATH = "/console/oidc";
    public static final String SIGN_IN = PATH + "/sign-in";
    /**
     * No path segment of the service is named so: quarkus-oidc would otherwise pick the tenant for a path ending in
     * its id. Its cookies are named after it (q_session_console-oidc).
     */
    static final String TENANT_ID = "console-oidc";

    private final OidcTenantConfig tenant;

    public ConsoleOidcTenant(ConsoleOidcSettings settings) {
        this.tenant = settings.client().map(ConsoleOidcTenant::tenant).orElse(null);
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        if (context.normalizedPath().startsWith(PATH + "/")) {
            return tenant == null ? Uni.createFrom().nullItem() : Uni.createFrom().item(tenant);
        }
        // Before asking here quarkus-oidc takes the tenant from the name of a session cookie the request carries, and
        // would accept this tenant's session anywhere: on /api, on every console page. A browser sends that cookie
        // only under PATH, but a copy of it must not be a credential elsewhere.
        if (TENANT_ID.equals(context.get(OidcUtils.TENANT_ID_ATTRIBUTE))) {
            context.remove(OidcUtils.TENANT_ID_ATTRIBUTE);
        }
        return Uni.createFrom().nullItem();
    }

    private static OidcTenantConfig tenant(ConsoleOidcSettings.Client client) {
        return OidcTenantConfig.builder()
                .tenantId(TENANT_ID)
                .authServerUrl(client.serverUrl())
                .clientId(client.clientId())
                .credentials(client.clientSecret())
                .applicationType(ApplicationType.WEB_APP)
                .roles().source(Source.idtoken).roleClaimPath(client.roleClaimPath()).end()
                .authentication()
                    .pkceRequired()
                    .nonceRequired()
                    .scopes(client.scopes())
                    // Its cookies carry the sign-in only as far as the landing page, which ends them.
                    .cookiePath(PATH)
                .end()
                .build();
    }
}
