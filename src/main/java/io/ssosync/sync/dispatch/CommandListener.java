package io.ssosync.sync.dispatch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import io.ssosync.sync.store.CommandStore;

/**
 * Listens for the NOTIFY that every command write sends, so that the dispatchers of all replicas
 * start on a new command at once rather than at their next poll.
 */
class CommandListener implements Runnable {

    private static final Logger LOG = Logger.getLogger(CommandListener.class);

    private final DataSource dataSource;
    private final DispatchSignal signal;
    private volatile boolean running = true;

    CommandListener(DataSource dataSource, DispatchSignal signal) {
        this.dataSource = dataSource;
        this.signal = signal;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CommandStore.WAKE_UP_CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    var notifications = pg.getNotifications(500);
                    if (notifications != null && notifications.length > 0) {
                        signal.wakeUp();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("command listener lost its database connection (%s); dispatchers fall back to polling",
                            e.getMessage());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
