package reportqa.server.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import reportqa.server.TestServer;

/**
 * Debian's headless Chromium, driven through chromedriver, for the page's tests: one browser a test
 * class, its console read (an error there fails a test), screenshots saved under
 * {@code target/screenshots}. Skips the test class, saying how to install it, when Chromium is not
 * installed.
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The desktop window the page is designed for first. */
    static final Dimension DESKTOP = new Dimension(1280, 900);
    /** A phone's viewport (an iPhone 12 to 15). */
    static final Dimension PHONE = new Dimension(390, 844);

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium in {@code lang} (zh-CN, en-US …), or skips the calling test class without it. */
    static Browser start(String lang) throws IOException {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed: browser tests skipped. Install it with "
                        + "`apt-get install -y chromium chromium-driver fonts-wqy-zenhei` (.ci/run does).");
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=1280,900",
                "--lang=" + lang);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", lang));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        Files.createDirectories(SCREENSHOTS);
        return new Browser(new ChromeDriver(service, options), profile);
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    /** Opens the page of the server at {@code base} afresh (local storage cleared) at desktop size. */
    void open(String base) {
        driver.manage().window().setSize(DESKTOP);
        driver.get(base + "/");
        js("localStorage.clear();");
        driver.navigate().refresh();
        waiting().until(d -> !d.findElement(By.id("broker-list")).getText().isBlank());
    }

    /** Asks {@code question} from the question box and waits for its answer. */
    WebElement askAndWait(String question) {
        int before = driver.findElements(By.cssSelector(".msg.assistant.done")).size();
        WebElement q = driver.findElement(By.id("question"));
        q.sendKeys(question);
        q.sendKeys(Keys.ENTER);
        waiting()
                .until(d ->
                        d.findElements(By.cssSelector(".msg.assistant.done")).size() > before);
        List<WebElement> done = driver.findElements(By.cssSelector(".msg.assistant.done"));
        return done.get(done.size() - 1);
    }

    void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The console's errors since the last call (each read once), as Chromium words them. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /**
     * The accessibility violations axe-core finds on the page as it is now, serious or critical ones
     * only: each as "rule: how many elements (the first one's selector)". axe-core comes from its npm
     * package (4.14.1, MPL-2.0), kept under the test resources.
     */
    List<String> seriousViolations() throws IOException {
        try (var in = Browser.class.getResourceAsStream("/axe-core/axe.min.js")) {
            if (in == null) {
                throw new IOException("axe-core is missing from the test resources");
            }
            js(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        Object found = ((JavascriptExecutor) driver)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => v.id + ': ' + v.nodes.length + ' (' + v.nodes[0].target.join(' ') + ') '"
                        + " + v.nodes[0].failureSummary.replace(/\\s+/g, ' ').slice(0, 200))))"
                        + ".catch(e => done(['axe failed: ' + e]));");
        return ((List<?>) found).stream().map(String::valueOf).toList();
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        TestServer.deleteTree(profile);
    }
}
