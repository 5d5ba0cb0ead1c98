package io.ssosync.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.ApiTokens;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/**
 * The console in a real headless Chromium over a real run: events through the broker, calls to the simulator,
 * and a person who signs in with a token, reads, retries, replays, pauses, reconciles and signs out.
 */
@QuarkusTest
@WithTestResource(SyncStack.class)
class ConsoleBrowserTest extends PipelineTest {

    /**
     * Written under target on every run; {@code -Dconsole.screenshot=docs/console-connections.png} refreshes the
     * one the README shows, so that a test run leaves the working tree as it was.
     */
    private static final Path SCREENSHOT = Path.of(System.getProperty("console.screenshot",
            "target/console-connections.png"));

    private static ChromeDriver browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() {
        browser = Chromium.start();
        // A click on a form button returns once the form is sent: finding an element of the next page waits for it.
        browser.manage().timeouts().implicitlyWait(java.time.Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void forgetTheLastSession() {
        // The database was emptied, sessions with it; the cookie is dropped too so that each test signs in.
        open("/console/sign-in");
        browser.manage().deleteAllCookies();
    }

    @Test
    void connectionsShowARealRunFailuresFirstAndARetryThroughThePageTakesEffect() throws IOException {
        String synced = key("okta");
        String other = key("entra");
        publisher.structured(RegistryEvents.upserted(samlSpec(synced, 1, domain("okta"))));
        publisher.structured(RegistryEvents.upserted(oidcSpec(other, 1, domain("entra"))));
        awaitStatus(synced, "SYNCED");
        awaitStatus(other, "SYNCED");
        clerk.faults().failNext(1, "POST", 422);
        String refused = key("google");
        publisher.structured(RegistryEvents.upserted(samlSpec(refused, 1, domain("google"))));
        awaitStatus(refused, "FAILED");

        signIn(ApiTokens.AUDITOR_OPERATOR);
        assertTrue(browser.getCurrentUrl().endsWith("/console/connections"), browser.getCurrentUrl());
        List<WebElement> rows = browser.findElements(By.cssSelector("#connections tbody tr"));
        assertEquals(3, rows.size());
        assertEquals(refused, rows.get(0).findElement(By.cssSelector("td:nth-child(2)")).getText());
        WebElement status = rows.get(0).findElement(By.cssSelector(".status"));
        assertEquals("FAILED", status.getText());
        assertEquals("rgba(155, 28, 28, 1)", status.getCssValue("color"), "failures are shown in red too");
        assertTrue(rows.get(0).getText().contains("Clerk answered 422"), rows.get(0).getText());
        assertEquals("SYNCED", rows.get(1).findElement(By.cssSelector(".status")).getText());
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));

        browser.findElement(By.id("tenantId")).sendKeys("t_nobody");
        browser.findElement(By.cssSelector("form.filter button")).click();
        assertTrue(browser.findElement(By.id("connections")).getText().contains("No connections for this tenant"));

        open("/console/connections/" + refused);
        String history = browser.findElement(By.id("history")).getText();
        assertTrue(history.contains("422") && history.contains("FAILED"), history);
        Object errorCode = TestDatabase.value("select clerk_error_code from sync_history where connection_key = ?",
                refused);
        assertTrue(history.contains(String.valueOf(errorCode)), "Clerk's error code shown: " + history);
        long commandId = ((Number) TestDatabase.value("select id from sync_command where connection_key = ?",
                refused)).longValue();

        open("/console/commands");
        browser.findElement(By.id("retry-" + commandId)).click();
        assertTrue(browser.findElement(By.id("outcome")).getText().contains("back in line"));
        awaitStatus(refused, "SYNCED");
        assertEquals(3, clerk.connections().size());
        assertEquals(Map.of("actor", ApiTokens.actor(ApiTokens.AUDITOR_OPERATOR), "action", "command.retry"),
                TestDatabase.rows("select actor, action from operator_action").get(0));
        browser.findElement(By.id("back")).click();
        assertEquals("SYNCED", browser.findElement(By.cssSelector("h1 .status")).getText());
    }

    @Test
    void aReplayOfACorrectedEventThroughThePageTakesEffect() {
        String key = key("replayed");
        RegistryEvents.Event event = RegistryEvents.upserted(samlSpec(key, 1, domain("replayed")));
        ObjectNode broken = event.envelope().deepCopy();
        ((ObjectNode) broken.get("data")).remove("name");
        publisher.raw(event.tenantId(), broken.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        await().atMost(TIMEOUT).until(() -> TestDatabase.count("select count(*) from rejected_event") == 1);
        long id = ((Number) TestDatabase.value("select id from rejected_event")).longValue();

        signIn(ApiTokens.OPERATOR);
        open("/console/rejected-events");
        WebElement row = browser.findElement(By.id("rejected-" + id));
        assertTrue(row.getText().contains("name"), "the reason names the field: " + row.getText());
        row.findElement(By.name("envelope")).sendKeys(event.envelope().toString());
        row.findElement(By.name("reason")).sendKeys("registry fixed the name");
        browser.findElement(By.id("replay-" + id)).click();
        assertTrue(browser.findElement(By.id("outcome")).getText().contains("CHANGED"),
                browser.findElement(By.id("outcome")).getText());

        awaitStatus(key, "SYNCED");
        assertEquals(1, clerk.connections().size());
        assertEquals(Map.of("actor", ApiTokens.actor(ApiTokens.OPERATOR), "action", "rejected-event.replay",
                "reason", "registry fixed the name"),
                TestDatabase.rows("select actor, action, reason from operator_action").get(0));
        open("/console/rejected-events");
        assertEquals("CHANGED", browser.findElement(By.cssSelector("#rejected-" + id + " .replay-outcome .status"))
                .getText());
    }

    @Test
    void pauseResumeAndAReconcileApplyThroughThePages() {
        String key = key("drifting");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("drifting"))));
        awaitStatus(key, "SYNCED");
        clerk.remove(clerk.connections().get(0).id());

        signIn(ApiTokens.OPERATOR);
        browser.findElement(By.id("pause")).click();
        // The click returns once the browser sent the form, not necessarily once the answer came.
        await().atMost(TIMEOUT).until(() -> Boolean.TRUE.equals(TestDatabase.value("select paused from dispatch_control")));
        browser.findElement(By.id("back")).click();
        assertTrue(browser.findElement(By.id("dispatch")).getText().contains("Dispatch paused"));
        browser.findElement(By.id("resume")).click();
        await().atMost(TIMEOUT).until(() -> Boolean.FALSE.equals(TestDatabase.value("select paused from dispatch_control")));

        open("/console/reconcile");
        assertTrue(browser.findElement(By.id("last-run")).getText().contains("No reconcile has run yet"));
        browser.findElement(By.id("plan")).click();
        assertTrue(browser.findElement(By.id("missing")).getText().contains(key));
        browser.findElement(By.id("apply")).click();
        // The click returns once the form is sent: the page before the answer has a last run too, and goes stale.
        await().atMost(TIMEOUT).ignoreExceptions()
                .until(() -> browser.findElement(By.id("last-run")).getText().contains("1 repairs queued"));
        await().atMost(TIMEOUT).until(() -> clerk.connections().size() == 1);
        assertEquals(List.of("dispatch.pause", "dispatch.resume", "reconcile.plan", "reconcile.apply"),
                TestDatabase.rows("select action from operator_action order by id").stream()
                        .map(row -> row.get("action")).toList());
    }

    @Test
    void aViewerSeesNoActionButtonsAndSignsOut() {
        String key = key("viewed");
        clerk.faults().failNext(1, "POST", 422);
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("viewed"))));
        awaitStatus(key, "FAILED");
        publisher.raw(tenant, "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        await().atMost(TIMEOUT).until(() -> TestDatabase.count("select count(*) from rejected_event") == 1);
        TestDatabase.execute("insert into reconcile_run (actor, mode, missing, drifted, orphans, queued, plan) values"
                + " ('test', 'plan', 0, 0, 0, 0, '{\"runId\": 1, \"mode\": \"plan\", \"missing\": [],"
                + " \"drifted\": [], \"orphans\": [], \"adopted\": [], \"queued\": 0}')");

        signIn(ApiTokens.VIEWER);
        for (String page : List.of("/console/connections", "/console/connections/" + key, "/console/commands",
                "/console/rejected-events", "/console/reconcile")) {
            open(page);
            assertFalse(browser.getPageSource().contains("Sign in"), page + " asked to sign in again");
            browser.findElement(By.cssSelector("header .who"));
            // The page is there: looking for what must be absent need not wait.
            browser.manage().timeouts().implicitlyWait(java.time.Duration.ZERO);
            assertTrue(browser.findElements(By.cssSelector("button.action, textarea")).isEmpty(),
                    page + " shows a viewer an action");
            browser.manage().timeouts().implicitlyWait(java.time.Duration.ofSeconds(10));
        }
        open("/console/connections/" + key);
        assertTrue(browser.getPageSource().contains("needs the auditor role"));
        assertTrue(browser.findElement(By.id("last-error")).getText().contains("Clerk answered 422"));

        browser.findElement(By.id("sign-out")).click();
        // The click returns once the form is sent, not once its answer has been followed.
        await().atMost(TIMEOUT).until(() -> browser.getCurrentUrl().endsWith("/console/sign-in"));
        assertEquals(0, TestDatabase.count("select count(*) from console_session"));
        open("/console/connections");
        assertTrue(browser.getCurrentUrl().endsWith("/console/sign-in"), browser.getCurrentUrl());
    }

    private void signIn(String token) {
        open("/console/connections");
        assertTrue(browser.getCurrentUrl().endsWith("/console/sign-in"), "not sent to sign in: " + browser.getCurrentUrl());
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("sign-in")).click();
        assertTrue(browser.findElement(By.cssSelector("header .who")).getText()
                .contains(ApiTokens.actor(token)), "signed in");
    }

    private void open(String path) {
        browser.get(base.toString().replaceAll("/$", "") + path);
    }
}
