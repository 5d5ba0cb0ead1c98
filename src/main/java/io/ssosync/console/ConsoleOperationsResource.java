package io.ssosync.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.ssosync.api.CommandView;
import io.ssosync.api.RejectedEventView;
import io.ssosync.http.Problem;
import io.ssosync.http.ProblemException;
import io.ssosync.ingest.EventIntake;
import io.ssosync.ingest.RejectedEventStore;
import io.ssosync.operator.CommandRetries;
import io.ssosync.operator.DispatchPause;
import io.ssosync.operator.EventReplays;
import io.ssosync.reconcile.ReconcileResult;
import io.ssosync.reconcile.ReconcileUnavailableException;
import io.ssosync.reconcile.Reconciliation;
import io.ssosync.security.Roles;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.domain.CommandStatus;
import io.ssosync.sync.store.CommandQuery;
import io.ssosync.sync.store.CommandRetry;
import io.ssosync.sync.store.CommandStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * What an operator fixes from the console: parked and failed commands, rejected events, the dispatch switch and
 * the reconcile. Every action goes through the use case the API calls, so it is recorded with the caller the same
 * way; every form carries the session's CSRF token.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Roles.VIEWER, Roles.AUDITOR, Roles.OPERATOR })
@Blocking
public class ConsoleOperationsResource {

    private static final int SHOWN = 500;

    private final Transactions transactions;
    private final CommandStore commands;
    private final CommandRetries retries;
    private final RejectedEventStore rejections;
    private final EventReplays replays;
    private final DispatchPause pause;
    private final Reconciliation reconciliation;
    private final ConsoleUser me;

    public ConsoleOperationsResource(Transactions transactions, CommandStore commands, CommandRetries retries,
            RejectedEventStore rejections, EventReplays replays, DispatchPause pause, Reconciliation reconciliation,
            ConsoleUser me) {
        this.transactions = transactions;
        this.commands = commands;
        this.retries = retries;
        this.rejections = rejections;
        this.replays = replays;
        this.pause = pause;
        this.reconciliation = reconciliation;
        this.me = me;
    }

    /** Parked and failed commands (or those of the one status asked for), oldest first. */
    @GET
    @Path("/commands")
    public TemplateInstance commands(@QueryParam("status") String status) {
        List<CommandStatus> statuses = status == null || status.isBlank()
                ? List.of(CommandStatus.DEAD, CommandStatus.FAILED) : List.of(status(status));
        List<CommandView> shown = new ArrayList<>();
        transactions.run(c -> {
            for (CommandStatus each : statuses) {
                commands.page(c, new CommandQuery(each, null, null, null), SHOWN).stream().map(CommandView::of)
                        .forEach(shown::add);
            }
        });
        return ConsolePages.commands(me, shown, status == null ? "" : status.trim().toUpperCase(Locale.ROOT));
    }

    @POST
    @Path("/commands/{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OPERATOR)
    public TemplateInstance retry(@PathParam("id") long id, @FormParam("csrf") String csrf,
            @FormParam("reason") String reason) {
        me.checkCsrf(csrf);
        CommandRetry outcome = retries.retry(me.actor(), id, blankToNull(reason));
        if (outcome instanceof CommandRetry.Requeued requeued) {
            return done("Command " + id + " requeued", "Command " + id + " of " + requeued.connectionKey()
                    + " is back in line.", false, "/console/connections/" + requeued.connectionKey());
        }
        if (outcome instanceof CommandRetry.NotRetryable refused) {
            return done("Not retried", "Command " + id + " is " + refused.status()
                    + "; only FAILED and DEAD commands are retried.", true, "/console/commands");
        }
        if (outcome instanceof CommandRetry.Overtaken overtaken) {
            return done("Not retried", "A later command (" + overtaken.laterCommandId() + ") of "
                    + overtaken.connectionKey() + " carries a newer desired state; resync the connection instead.",
                    true, "/console/commands");
        }
        throw new ProblemException(Problem.of(404, "no command has this id"));
    }

    @GET
    @Path("/rejected-events")
    public TemplateInstance rejected() {
        List<RejectedEventView> events = transactions.inTransaction(c -> rejections.list(c, SHOWN)).stream()
                .map(RejectedEventView::of).toList();
        return ConsolePages.rejected(me, events);
    }

    /** Replays the stored event, or the corrected envelope pasted into the form. */
    @POST
    @Path("/rejected-events/{id}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OPERATOR)
    public TemplateInstance replay(@PathParam("id") long id, @FormParam("csrf") String csrf,
            @FormParam("reason") String reason, @FormParam("envelope") String envelope) {
        me.checkCsrf(csrf);
        byte[] corrected = envelope == null || envelope.isBlank() ? null : envelope.getBytes(StandardCharsets.UTF_8);
        EventIntake.Result result = replays.replay(me.actor(), id, blankToNull(reason), corrected)
                .orElseThrow(() -> new ProblemException(Problem.of(404, "no rejected event has this id")));
        if (result.rejected()) {
            return done("Still rejected", "Event " + id + " still breaks the contract: "
                    + result.rejection().getMessage(), true, "/console/rejected-events");
        }
        return done("Event " + id + " replayed", "Intake took it in: " + result.outcome().name() + ".", false,
                "/console/rejected-events");
    }

    @POST
    @Path("/dispatch/{change: pause|resume}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OPERATOR)
    public TemplateInstance dispatch(@PathParam("change") String change, @FormParam("csrf") String csrf,
            @FormParam("reason") String reason) {
        me.checkCsrf(csrf);
        boolean paused = pause.set("pause".equals(change), me.actor(), blankToNull(reason)).paused();
        return done(paused ? "Dispatch paused" : "Dispatch running", paused
                ? "No replica sends calls to Clerk until someone resumes; events are still taken in."
                : "Every replica sends its queued calls to Clerk again.", false, "/console/connections");
    }

    @GET
    @Path("/reconcile")
    public TemplateInstance reconcile() {
        return ConsolePages.reconcile(me, reconciliation.last().orElse(null));
    }

    /** A new plan, or its apply: each reads Clerk's list again, as the API's does. */
    @POST
    @Path("/reconcile")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OPERATOR)
    public TemplateInstance runReconcile(@FormParam("csrf") String csrf, @FormParam("mode") String mode,
            @FormParam("reason") String reason) {
        me.checkCsrf(csrf);
        Reconciliation.Mode run = "apply".equals(mode) ? Reconciliation.Mode.APPLY : Reconciliation.Mode.PLAN;
        try {
            ReconcileResult result = reconciliation.run(run, false, me.actor(), blankToNull(reason));
            return ConsolePages.reconcile(me, result);
        } catch (ReconcileUnavailableException e) {
            return done("Reconcile not run", "Clerk's list could not be read: " + e.getMessage(), true,
                    "/console/reconcile");
        }
    }

    private TemplateInstance done(String title, String message, boolean failed, String back) {
        return ConsolePages.outcome(me, title, message, failed, back);
    }

    private static CommandStatus status(String value) {
        try {
            return CommandStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(400, "status must be one of " + Arrays.toString(
                    CommandStatus.values())));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
