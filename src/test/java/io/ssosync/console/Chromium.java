package io.ssosync.console;

import java.io.File;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven through the machine's chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver} packages), both named explicitly so that Selenium Manager never looks for, let alone
 * downloads, a browser or a driver.
 */
final class Chromium {

    static final String BROWSER = System.getProperty("console.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("console.chromedriver", "/usr/bin/chromedriver");

    private Chromium() {
    }

    static ChromeDriver start() {
        System.setProperty("webdriver.chrome.driver", DRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1500,900");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
