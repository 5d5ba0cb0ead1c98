package io.ssosync.warmup;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/** DOWN until {@link WarmUp} has run, naming the step it is at; then UP with each step's time. */
@Readiness
@ApplicationScoped
public class WarmUpReadiness implements HealthCheck {

    static final String NAME = "warm-up";

    private final WarmUp warmUp;

    public WarmUpReadiness(WarmUp warmUp) {
        this.warmUp = warmUp;
    }

    @Override
    public HealthCheckResponse call() {
        WarmUp.Progress progress = warmUp.progress();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(progress.done())
                .withData("step", progress.step());
        progress.stepMillis().forEach((step, millis) -> response.withData(step + "Ms", millis));
        if (progress.clerkAnswer() != null) {
            response.withData("clerk", progress.clerkAnswer());
        }
        if (!progress.failures().isEmpty()) {
            response.withData("failures", String.join("; ", progress.failures()));
        }
        return response.build();
    }
}
