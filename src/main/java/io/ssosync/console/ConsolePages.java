package io.ssosync.console;

import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.ssosync.api.CommandView;
import io.ssosync.api.ConnectionView;
import io.ssosync.api.RejectedEventView;
import io.ssosync.audit.HistoryEntry;
import io.ssosync.reconcile.ReconcileResult;
import io.ssosync.sync.store.DispatchControlStore;

/**
 * The console's pages ({@code src/main/resources/templates/console/}), checked against these parameters when the
 * service is built. They show the API's views, which carry no IdP settings: no secret can reach a page.
 */
@CheckedTemplate(basePath = "console")
final class ConsolePages {

    private ConsolePages() {
    }

    /** {@code sso}: whether to offer signing in through the OIDC provider. */
    static native TemplateInstance signIn(String error, boolean sso);

    static native TemplateInstance signedIn();

    static native TemplateInstance connections(ConsoleUser me, List<ConnectionView> connections, String tenantId,
            boolean more, DispatchControlStore.State dispatch);

    static native TemplateInstance connection(ConsoleUser me, ConnectionView connection, List<CommandView> commands,
            List<HistoryEntry> history);

    static native TemplateInstance commands(ConsoleUser me, List<CommandView> commands, String status);

    static native TemplateInstance rejected(ConsoleUser me, List<RejectedEventView> events);

    static native TemplateInstance reconcile(ConsoleUser me, ReconcileResult last);

    static native TemplateInstance outcome(ConsoleUser me, String title, String message, boolean failed, String back);
}
