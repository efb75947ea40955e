package io.lapsewatch.alerts.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for browser tests, as Debian packages it ({@code chromium} and {@code
 * chromium-driver}, installed by {@code .ci/run}): one browser per test, a phone-sized window (the
 * agents' case pages are read on phones), and a screenshot under {@code
 * target/screenshots/<test>.png} when a test fails. Register with {@code @RegisterExtension}.
 */
public final class Chromium implements TestExecutionExceptionHandler, AfterEachCallback {
  private static final List<String> BROWSERS =
      List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
  private static final List<String> DRIVERS =
      List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

  /**
   * Selenium warns on every start that it has no CDP bindings for this Chromium; the tests use no
   * CDP. Held here: java.util.logging keeps loggers weakly, a level set on a dropped one is lost.
   */
  private static final Logger CDP_WARNINGS = quiet("org.openqa.selenium.devtools");

  private ChromeDriver driver;

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  /** The browser of the running test, started on first use. */
  public ChromeDriver driver() {
    if (driver == null) {
      driver = start();
    }
    return driver;
  }

  /** Saves what the browser shows now as {@code target/screenshots/<name>.png}. */
  public Path screenshot(String name) throws IOException {
    File shot = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.FILE);
    Path target = Path.of("target", "screenshots", name + ".png");
    Files.createDirectories(target.getParent());
    return Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static ChromeDriver start() {
    String browser = firstExisting(BROWSERS, "lapsewatch.chromium");
    String chromedriver = firstExisting(DRIVERS, "lapsewatch.chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--lang=zh-CN",
        "--no-first-run",
        "--no-default-browser-check");
    // A fixed driver path: Selenium Manager would otherwise try to download one.
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).build();
    ChromeDriver d = new ChromeDriver(service, options);
    d.manage().window().setSize(new Dimension(412, 915));
    d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return d;
  }

  private static String firstExisting(List<String> candidates, String property) {
    String configured = System.getProperty(property);
    if (configured != null) {
      return configured;
    }
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        return c;
      }
    }
    throw new IllegalStateException(
        "browser tests need headless Chromium and its driver: none of "
            + candidates
            + " exists. Install Debian's chromium and chromium-driver (.ci/run does), or set -D"
            + property);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    if (driver != null) {
      try {
        Path shot = screenshot("failed-" + context.getRequiredTestMethod().getName());
        failure.addSuppressed(new AssertionError("screenshot of the failure: " + shot));
      } catch (RuntimeException | IOException e) {
        failure.addSuppressed(e);
      }
    }
    throw failure;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
  }
}
