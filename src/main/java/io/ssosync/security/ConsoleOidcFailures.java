package io.ssosync.security;

import org.jboss.logging.Logger;

import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A line in the log for each sign-in to the console that quarkus-oidc refused. Its own message is silenced
 * (application.properties): it quotes the token's claims. This one names only the kind of failure, so that an
 * operator knows to look at the provider's client, the clocks or the {@code SSO_SYNC_CONSOLE_OIDC_*} settings.
 */
@ApplicationScoped
public class ConsoleOidcFailures {

    private static final Logger LOG = Logger.getLogger(ConsoleOidcFailures.class);

    void refused(@Observes AuthenticationFailureEvent event) {
        Throwable failure = event.getAuthenticationFailure();
        if (failure instanceof AuthenticationRedirectException
                || !(event.getEventProperties().get(RoutingContext.class.getName()) instanceof RoutingContext context)
                || !context.normalizedPath().startsWith(ConsoleOidcTenant.PATH + "/")) {
            return;
        }
        LOG.warnf("A sign-in to the console through the OIDC provider was refused (%s); quarkus-oidc's reason is not"
                + " logged because it quotes the token's claims", failure == null ? "no reason given"
                        : failure.getClass().getSimpleName());
    }
}
