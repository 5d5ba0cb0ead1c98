package io.ssosync.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PromQlNamesTest {

    @Test
    void functionsAggregationsKeywordsDurationsAndLabelListsAreNotMetricNames() {
        assertEquals(Map.of("sso_sync_clerk_call_seconds_bucket", Set.of("operation")), PromQlNames.of(
                "histogram_quantile(0.95, sum by (le) (rate(sso_sync_clerk_call_seconds_bucket{operation=~\"cre.*\"}"
                        + "[$__rate_interval])))"));
        assertEquals(Map.of("sso_sync_consumer_lag", Set.of(), "sso_sync_events_total", Set.of(),
                "sso_sync_rejected_events_total", Set.of()), PromQlNames.of(
                "max(delta(sso_sync_consumer_lag[10m])) > 0 and on() (sum(increase(sso_sync_events_total[10m]))"
                        + " or vector(0)) + (sum(increase(sso_sync_rejected_events_total[10m])) or vector(0)) == 0"));
        assertEquals(Map.of("up", Set.of(), "a:b", Set.of("job", "x")),
                PromQlNames.of("up unless ignoring(instance) a:b{job!=\"x\", x!~'y'} offset 5m * 1e3 > bool 0.5"));
    }
}
