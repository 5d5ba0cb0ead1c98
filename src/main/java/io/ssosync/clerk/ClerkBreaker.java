package io.ssosync.clerk;

import java.util.Locale;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.ssosync.metrics.BreakerState;
import jakarta.enterprise.context.ApplicationScoped;

/** The state of {@link ClerkHttp}'s circuit breaker, read from SmallRye Fault Tolerance. */
@ApplicationScoped
public class ClerkBreaker implements BreakerState {

    private final CircuitBreakerMaintenance maintenance;

    public ClerkBreaker(CircuitBreakerMaintenance maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public String state() {
        return maintenance.currentState(ClerkHttp.BREAKER).name().toLowerCase(Locale.ROOT);
    }
}
