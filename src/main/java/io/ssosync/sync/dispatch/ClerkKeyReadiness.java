package io.ssosync.sync.dispatch;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/** Not ready while Clerk rejects the secret key: the commands wait, and an operator must fix the key. */
@Readiness
@ApplicationScoped
public class ClerkKeyReadiness implements HealthCheck {

    private final ClerkAvailability availability;

    public ClerkKeyReadiness(ClerkAvailability availability) {
        this.availability = availability;
    }

    @Override
    public HealthCheckResponse call() {
        return availability.keyRejection()
                .map(error -> HealthCheckResponse.named("clerk-secret-key").down()
                        .withData("error", error + "; check CLERK_SECRET_KEY").build())
                .orElseGet(() -> HealthCheckResponse.named("clerk-secret-key").up().build());
    }
}
