package io.ssosync.config;

import io.quarkus.runtime.StartupEvent;
import io.ssosync.security.ApiAccess;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/** Fails start-up on a bad setting before the consumer or the dispatcher starts. */
public class StartupChecks {

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, ClerkSettings clerk,
            ApiAccess api) {
        // Each bean checks its settings when it is made; using it makes it now rather than at the first call.
        clerk.api();
        api.open();
    }
}
