package io.ssosync.testing.local;

/**
 * Where the parts of the local run listen, and the API token made for the run. {@code simulatorAdmin} is null when
 * real Clerk is used.
 */
record Endpoints(String api, String apiToken, String kafka, String topic, String clerk, String simulatorAdmin) {

    /** curl with the token, ready to paste. */
    String curl(String url) {
        return "curl -s -H 'Authorization: Bearer " + apiToken + "' " + url;
    }

    /** The publish command, with the variables it needs when the run does not use the defaults. */
    String publish(String sample) {
        String env = (kafka.equals("127.0.0.1:9092") ? "" : "KAFKA_BOOTSTRAP_SERVERS=" + kafka + " ")
                + (topic.equals(LocalEnv.DEFAULT_TOPIC) ? "" : "IDP_EVENTS_TOPIC=" + topic + " ");
        return env + "./mvnw -q exec:exec@publish -Devent=" + sample;
    }

    String describe() {
        return String.format("""
                  Service API   %s/api/connections   (health: %s/q/health)
                  API token     %s   (roles auditor and operator, made for this run)
                  Kafka         %s, topic %s
                  Clerk         %s%s
                  PostgreSQL    %s (user %s)
                """, api, api, apiToken, kafka, topic, clerk, simulatorAdmin == null ? "" : "   (simulator, in memory)",
                LocalDatabase.URL, LocalDatabase.USER);
    }
}
