package io.ssosync.sync.dispatch;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sso-sync.dispatch")
public interface DispatchSettings {

    /** Commands sent at once by this instance (each to a different connection). */
    @WithDefault("2")
    int workers();

    /** How long a claimed command stays with its dispatcher before another may take it over. */
    @WithDefault("PT60S")
    Duration lease();

    /** First delay of the durable retry after a transient failure; it doubles per attempt. */
    @WithDefault("PT1S")
    Duration retryInitialDelay();

    @WithDefault("PT5M")
    Duration retryMaxDelay();

    /** How long a command may keep failing transiently before it is parked as DEAD for an operator. */
    @WithDefault("PT24H")
    Duration maxAge();

    /** While Clerk rejects the secret key, how often one cheap call checks whether it accepts it again. */
    @WithDefault("PT15S")
    Duration keyProbeInterval();

    /** Longest idle wait between checks for due retries when no notification arrives. */
    @WithDefault("PT5S")
    Duration idlePoll();
}
