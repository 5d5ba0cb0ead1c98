package io.ssosync.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** The webhook ids already taken in, with what became of their event. Runs on the caller's transaction. */
@ApplicationScoped
public class WebhookDeliveryStore {

    /** The outcome recorded for a webhook id seen before. */
    public Optional<String> find(Connection c, String webhookId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select outcome from webhook_delivery where webhook_id = ?")) {
            ps.setString(1, webhookId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void record(Connection c, String webhookId, String eventId, String eventSource, String outcome)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into webhook_delivery (webhook_id, event_id,"
                + " event_source, outcome) values (?, ?, ?, ?) on conflict do nothing")) {
            ps.setString(1, webhookId);
            ps.setString(2, eventId);
            ps.setString(3, eventSource);
            ps.setString(4, outcome);
            ps.executeUpdate();
        }
    }
}
