package io.ssosync.clerk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.ssosync.clerk.ClerkOutcome.Unavailable.Cause;

/** Each of Clerk's answers is classified once, and answers Clerk does not document are never trusted. */
class ClerkAnswersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private static final String CONNECTION = "{\"id\":\"entconn_1\",\"object\":\"enterprise_connection\"}";
    private static final String PAGE = "{\"data\":[],\"total_count\":0}";
    private static final String ERROR = "{\"errors\":[{\"code\":\"form_param_format_invalid\",\"message\":\"bad\","
            + "\"long_message\":\"domains is invalid\"}],\"clerk_trace_id\":\"trace-9\"}";

    @ParameterizedTest(name = "{0} answered {1} {2} is {3}")
    @CsvSource(delimiter = '|', value = {
            "POST  | 201 | " + CONNECTION + " | Accepted",
            "POST  | 200 | " + CONNECTION + " | Accepted",
            "POST  | 201 | <html>proxy</html>   | InDoubt",
            "POST  | 201 | {\"object\":\"enterprise_connection\"} | InDoubt",
            "POST  | 201 | {\"id\":\"\"}         | InDoubt",
            "POST  | 201 |                      | InDoubt",
            "POST  | 201 | " + CONNECTION + " trailing | InDoubt",
            "POST  | 302 |                      | InDoubt",
            "GET   | 200 | " + PAGE + "         | Accepted",
            "GET   | 200 | {\"data\":[]}        | Unavailable",
            "GET   | 200 | {\"total_count\":3}  | Unavailable",
            "GET   | 200 | not json             | Unavailable",
            "PATCH | 200 |                      | Accepted",
            "PATCH | 200 | not json             | Accepted",
            "DELETE| 200 | {\"deleted\":true}   | Accepted",
            "PATCH | 404 | " + ERROR + "         | NotFound",
            "DELETE| 404 | " + ERROR + "         | NotFound",
            "POST  | 404 | " + ERROR + "         | Refused",
            "POST  | 422 | " + ERROR + "         | Refused",
            "PATCH | 409 | " + ERROR + "         | Refused",
            "POST  | 401 | " + ERROR + "         | KeyRejected",
            "GET   | 429 |                      | Throttled",
            "POST  | 503 | " + ERROR + "         | Unavailable",
    })
    void classifies(String method, int status, String body, String expected) {
        ClerkOutcome outcome = ClerkAnswers.classify(request(method), new RawAnswer(status, body, null), 12, CLOCK);

        assertEquals(expected, outcome.getClass().getSimpleName());
        assertEquals(status, outcome.exchange().status());
        assertEquals(12L, outcome.exchange().durationMs());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "422 | form_param_format_invalid | domains is invalid | trace-9",
    })
    void keepsClerksErrorForTheAuditTrail(int status, String code, String message, String trace) {
        Exchange exchange = ClerkAnswers.classify(request("POST"), new RawAnswer(status, ERROR, null), 1, CLOCK)
                .exchange();

        assertEquals(new Exchange(status, code, message, trace, 1L), exchange);
        assertEquals("Clerk answered 422 form_param_format_invalid: domains is invalid", exchange.describe());
    }

    @ParameterizedTest(name = "Retry-After \"{0}\" waits {1} ms")
    @CsvSource(delimiter = '|', value = {
            "3                             | 3000",
            "0                             | 0",
            "Wed, 02 Dec 2026 10:00:07 GMT | 7000",
            "Wed, 02 Dec 2026 09:59:00 GMT | 0",
            "soon                          | 1000",
            "-5                            | 1000",
    })
    void honoursRetryAfterInSecondsOrAsAnHttpDate(String header, long millis) {
        ClerkOutcome outcome = ClerkAnswers.classify(request("POST"), new RawAnswer(429, null, header), 1, CLOCK);

        assertEquals(Duration.ofMillis(millis), ((ClerkOutcome.Throttled) outcome).retryAfter());
    }

    @ParameterizedTest
    @CsvSource({"500", "502", "503"})
    void serverErrorsAreUnavailable(int status) {
        ClerkOutcome outcome = ClerkAnswers.classify(request("PATCH"), new RawAnswer(status, null, null), 1, CLOCK);

        assertEquals(Cause.SERVER_ERROR, assertInstanceOf(ClerkOutcome.Unavailable.class, outcome).cause());
    }

    private static ClerkRequest request(String method) {
        return switch (method) {
            case "POST" -> ClerkRequest.create("enterprise_connections", JsonNodeFactory.instance.objectNode());
            case "PATCH" -> ClerkRequest.update("enterprise_connections", "entconn_1",
                    JsonNodeFactory.instance.objectNode());
            case "DELETE" -> ClerkRequest.delete("enterprise_connections", "entconn_1");
            default -> ClerkRequest.list("enterprise_connections", 100, 0, null);
        };
    }
}
