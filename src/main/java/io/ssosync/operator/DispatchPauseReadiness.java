package io.ssosync.operator;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.ssosync.sync.store.DispatchControlStore.State;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Shows in readiness whether dispatch is paused, and by whom. A paused service stays ready: its API must
 * stay reachable so that an operator can resume it, and events are still taken in.
 */
@Readiness
@ApplicationScoped
public class DispatchPauseReadiness implements HealthCheck {

    private final DispatchPause pause;

    public DispatchPauseReadiness(DispatchPause pause) {
        this.pause = pause;
    }

    @Override
    public HealthCheckResponse call() {
        State state = pause.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("dispatch").up()
                .withData("paused", state.paused());
        if (state.paused()) {
            response.withData("pausedBy", state.changedBy()).withData("since", String.valueOf(state.changedAt()));
            if (state.reason() != null) {
                response.withData("reason", state.reason());
            }
        }
        return response.build();
    }
}
