package io.ssosync.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.ssosync.audit.AuditRecord;
import io.ssosync.testing.ApiTokens;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/** The audit trail exported as CSV and JSON Lines: every matching row, newest first, read back field by field. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class AuditExportTest {

    /** Quotes, a comma, a line break and non-ASCII: what a hand-written CSV writer gets wrong. */
    private static final String AWKWARD_REASON = "IdP \"fixed\", by Zoë\nsecond line";

    @BeforeEach
    void trail() {
        TestDatabase.clean();
        RestAssured.requestSpecification = ApiTokens.everything();
        TestDatabase.execute("insert into sync_history (at, command_id, connection_key, tenant_id, operation, method,"
                + " path, request_body, http_status, outcome, duration_ms)"
                + " select timestamptz '2026-01-01T00:00:00Z' + i * interval '1 hour', i,"
                + "   case when i % 2 = 1 then 'idp_a' else 'idp_b' end, case when i % 2 = 1 then 't_a' else 't_b' end,"
                + "   'UPDATE', 'PATCH', '/v1/enterprise_connections/ent_' || i, '{\"name\": \"n\"}', 200, 'SUCCEEDED',"
                + "   12 from generate_series(1, 5) i");
        TestDatabase.execute("insert into operator_action (at, actor, action, target_type, target, connection_key,"
                + " reason, details, tenant_id) values ('2026-01-02T00:00:00Z', 'token:abc', 'connection.retry',"
                + " 'connection', 'idp_a', 'idp_a', $r$" + AWKWARD_REASON + "$r$, '{\"requeued\": 1}', 't_a')");
    }

    @AfterEach
    void noToken() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void csvHasAHeaderRowIdFirstAndEveryFieldRoundTrips() throws Exception {
        String csv = given().queryParam("format", "csv").get("/api/audit").then().statusCode(200)
                .contentType("text/csv").extract().asString();

        List<Map<String, String>> rows = readCsv(csv);
        assertEquals(AuditRecord.COLUMNS, List.copyOf(rows.get(0).keySet()));
        assertEquals("id", AuditRecord.COLUMNS.get(0));
        assertEquals(List.of("6", "5", "4", "3", "2", "1"), rows.stream().map(r -> r.get("id")).toList());
        Map<String, String> action = rows.get(0);
        assertEquals("action", action.get("source"));
        assertEquals(AWKWARD_REASON, action.get("reason"));
        assertEquals("token:abc", action.get("actor"));
        assertEquals("{\"requeued\": 1}", action.get("details"));
        Map<String, String> attempt = rows.get(1);
        assertEquals("2026-01-01T05:00:00Z", attempt.get("at"));
        assertEquals("/v1/enterprise_connections/ent_5", attempt.get("path"));
        assertEquals("{\"name\": \"n\"}", attempt.get("requestBody"));
        assertEquals("200", attempt.get("httpStatus"));
        assertEquals("", attempt.get("reason"));
    }

    @Test
    void theAcceptHeaderChoosesTheFormatAndTheFiltersApply() throws Exception {
        String csv = given().accept("text/csv").queryParam("tenantId", "t_b").get("/api/audit").then()
                .statusCode(200).contentType("text/csv").extract().asString();
        assertEquals(List.of("4", "2"), readCsv(csv).stream().map(r -> r.get("id")).toList());

        for (String accept : List.of("application/jsonl", "application/x-ndjson")) {
            String lines = given().accept(accept).queryParam("tenantId", "t_a").get("/api/audit").then()
                    .statusCode(200).extract().asString();
            List<JsonNode> items = new ArrayList<>();
            for (String line : lines.split("\n")) {
                items.add(new ObjectMapper().readTree(line));
            }
            assertEquals(List.of(6L, 5L, 3L, 1L), items.stream().map(i -> i.get("id").asLong()).toList(), accept);
            assertEquals(AWKWARD_REASON, items.get(0).get("reason").asText());
            assertEquals(1, items.get(0).get("details").get("requeued").asInt());
            assertEquals("n", items.get(1).get("requestBody").get("name").asText());
        }
    }

    @Test
    void anUnknownFormatIsABadQueryAndTheExportIsTheAuditorsToo() {
        given().queryParam("format", "xml").get("/api/audit").then().statusCode(400);
        RestAssured.requestSpecification = null;
        given().header("Authorization", ApiTokens.bearer(ApiTokens.OPERATOR)).queryParam("format", "csv")
                .get("/api/audit").then().statusCode(403);
    }

    private static List<Map<String, String>> readCsv(String csv) throws Exception {
        CsvMapper mapper = new CsvMapper();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        assertTrue(!rows.isEmpty(), csv);
        return rows;
    }
}
