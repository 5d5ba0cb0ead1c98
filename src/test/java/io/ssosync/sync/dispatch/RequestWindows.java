package io.ssosync.sync.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.ssosync.testing.clerksim.RecordedRequest;

/** Counts over the simulator's request log, for assertions on pacing that do not depend on timing. */
final class RequestWindows {

    private RequestWindows() {
    }

    /** The most requests that arrived within any rolling window of the given length. */
    static int busiestWindow(List<RecordedRequest> requests, Duration window) {
        List<Instant> times = requests.stream().map(RecordedRequest::time).sorted().toList();
        int most = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (Duration.between(times.get(start), times.get(end)).compareTo(window) >= 0) {
                start++;
            }
            most = Math.max(most, end - start + 1);
        }
        return most;
    }
}
