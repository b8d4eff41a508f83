package com.migomail.webhooks.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver: both binaries are named
 * explicitly, so Selenium Manager never looks for (or downloads) a browser or a driver.
 */
final class Chromium implements AutoCloseable {
    static final File BROWSER = new File("/usr/bin/chromium");
    static final File DRIVER = new File("/usr/bin/chromedriver");
    /** Why the browser tests skip on a machine without the two binaries, and how to run them. */
    static final String MISSING = "The portal's browser tests need Debian's headless Chromium and its driver (" + BROWSER
            + ", " + DRIVER + "): apt-get install chromium chromium-driver, then mvn -B verify";
    private static final Duration WAIT = Duration.ofSeconds(15);
    // WebDriverWait's default of 500 ms would add up to seconds over a scenario of many short waits.
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriverService service;
    final ChromeDriver driver;

    private Chromium(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** Whether both binaries are installed. */
    static boolean installed() {
        return BROWSER.canExecute() && DRIVER.canExecute();
    }

    /** Starts the browser; call only when {@link #installed()}. */
    static Chromium start() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER)
                .usingAnyFreePort()
                .build();
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER)
                // CI runs as root, where Chromium's sandbox cannot start; /dev/shm is small in containers.
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                        "--window-size=1280,1500", "--lang=en-GB", "--no-first-run", "--disable-extensions");
        options.setCapability("goog:loggingPrefs", logs);
        return new Chromium(service, new ChromeDriver(service, options));
    }

    void open(String url) {
        driver.get(url);
    }

    /** A wait that also retries when the page swapped in a new view under an element being read. */
    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT, POLL);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** The element with that {@code data-test}, once it is visible. */
    WebElement visible(String test) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(byTest(test)));
    }

    /** The visible element with that {@code data-test} whose text contains {@code text}. */
    WebElement withText(String test, String text) {
        return waiting().until(d -> d.findElements(byTest(test)).stream()
                .filter(e -> e.isDisplayed() && e.getText().contains(text))
                .findFirst().orElse(null));
    }

    List<WebElement> all(String test) {
        return driver.findElements(byTest(test));
    }

    void click(String test) {
        waiting().until(ExpectedConditions.elementToBeClickable(byTest(test))).click();
    }

    /** Goes to a hash route of the page and waits until its view has been swapped in. */
    void route(String hash, String view) {
        driver.navigate().to(driver.getCurrentUrl().replaceFirst("#.*$", "") + hash);
        visible("view-" + view);
    }

    static By byTest(String test) {
        return By.cssSelector("[data-test=\"" + test + "\"]");
    }

    /** Writes a PNG of the window to {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the screenshot " + name, e);
        }
    }

    /** The console messages logged since the last call (reading the log drains it). */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    /** Asserts that the console has reported no Content-Security-Policy violation since the last read. */
    void assertNoCspViolation() {
        assertThat(consoleMessages()).noneMatch(Chromium::isCspViolation);
    }

    static boolean isCspViolation(String message) {
        return message.contains("Content Security Policy");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
