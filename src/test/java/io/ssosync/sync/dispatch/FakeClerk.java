package io.ssosync.sync.dispatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.clerk.ClerkGateway;
import io.ssosync.clerk.ClerkOutcome;
import io.ssosync.clerk.ClerkRequest;
import io.ssosync.clerk.Exchange;

/**
 * A Clerk gateway for unit tests of dispatch: answers each request with the next scripted outcome
 * (or accepts it by default) and keeps every request it got.
 */
final class FakeClerk implements ClerkGateway {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<Function<ClerkRequest, ClerkOutcome>> script = new ArrayDeque<>();
    private final List<ClerkRequest> received = new ArrayList<>();
    private Runnable onSend = () -> { };

    /** Answers the next request with {@code answer}. */
    FakeClerk then(Function<ClerkRequest, ClerkOutcome> answer) {
        script.add(answer);
        return this;
    }

    FakeClerk then(ClerkOutcome outcome) {
        return then(request -> outcome);
    }

    /** Runs before every answer: what happens elsewhere while a call is on its way. */
    FakeClerk whileSending(Runnable action) {
        this.onSend = action;
        return this;
    }

    List<ClerkRequest> received() {
        return received;
    }

    List<String> calls() {
        return received.stream().map(r -> r.method() + " " + r.path()).toList();
    }

    @Override
    public synchronized ClerkOutcome send(ClerkRequest request) {
        received.add(request);
        onSend.run();
        Function<ClerkRequest, ClerkOutcome> answer = script.poll();
        return answer != null ? answer.apply(request) : accept(request);
    }

    static Exchange ok(int status) {
        return new Exchange(status, null, null, null, 5L);
    }

    static ClerkOutcome created(String id) {
        return new ClerkOutcome.Accepted(ok(201), json("{\"id\":\"" + id + "\",\"object\":\"enterprise_connection\"}"));
    }

    static ClerkOutcome page(String dataJson, int total) {
        return new ClerkOutcome.Accepted(ok(200), json("{\"data\":" + dataJson + ",\"total_count\":" + total + "}"));
    }

    static ClerkOutcome refused(int status, String code) {
        return new ClerkOutcome.Refused(new Exchange(status, code, "refused by the fake", "trace-1", 5L));
    }

    static ClerkOutcome timedOut() {
        return new ClerkOutcome.Unavailable(Exchange.unanswered(2000), ClerkOutcome.Unavailable.Cause.TIMEOUT,
                "no answer from Clerk in time");
    }

    static ClerkOutcome inDoubt() {
        return new ClerkOutcome.InDoubt(ok(201), "Clerk answered 201 to a create without a connection id");
    }

    private static ClerkOutcome accept(ClerkRequest request) {
        return switch (request.method()) {
            case POST -> created("entconn_" + (request.body().path("name").asText().hashCode() & 0xffff));
            case GET -> page("[]", 0);
            default -> new ClerkOutcome.Accepted(ok(200), null);
        };
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
