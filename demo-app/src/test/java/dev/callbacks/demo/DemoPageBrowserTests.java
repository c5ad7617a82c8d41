package dev.callbacks.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.callbacks.core.testing.CatAgentExample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo page in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}) asks the cat question and the page shows the final answer, the two
 * tool steps and the run tree.
 *
 * <p>When the binaries are missing the test is skipped with a message saying what to install; it
 * never installs anything itself ({@code .ci/run} runs {@code scripts/install-chromium.sh} first).
 * The screenshot of the finished page is written to {@code target/screenshots/demo.png}, and also
 * to the path in the system property {@code demo.screenshot.path} when it is set (the README's
 * {@code docs/demo.png} is made that way).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DemoPageBrowserTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Optional<Path> browser = Optional.empty();

    private static Optional<Path> driverBinary = Optional.empty();

    @LocalServerPort
    private int port;

    @TempDir
    Path profile;

    private WebDriver driver;

    @BeforeAll
    static void findChromium() throws Exception {
        // A test never installs system packages: .ci/run installs the browser before the build.
        browser = findBinary("chromium", "chromium-browser", "google-chrome");
        driverBinary = findBinary("chromedriver");
        assumeTrue(browser.isPresent() && driverBinary.isPresent(),
                "Skipping the browser test: no chromium/chromedriver binary found on the PATH. "
                        + "Install them with demo-app/scripts/install-chromium.sh (as .ci/run does) or "
                        + "sudo apt-get install chromium chromium-driver");
    }

    @BeforeEach
    void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.orElseThrow().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1440,1000",
                "--user-data-dir=" + this.profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(driverBinary.orElseThrow().toFile())
            .usingAnyFreePort()
            .build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().timeouts().pageLoadTimeout(WAIT);
    }

    @AfterEach
    void stopBrowser() {
        if (this.driver != null) {
            this.driver.quit();
        }
    }

    @Test
    void asksTheCatQuestionAndShowsAnswerStepsAndRunTree() throws Exception {
        this.driver.get("http://localhost:" + this.port + "/");
        WebDriverWait wait = new WebDriverWait(this.driver, WAIT);
        WebElement question = this.driver.findElement(By.id("question"));
        question.clear();
        question.sendKeys(CatAgentExample.QUESTION);
        this.driver.findElement(By.id("ask")).click();

        wait.until(ExpectedConditions.attributeToBe(By.id("run-status"), "data-status", "success"));

        assertThat(this.driver.findElement(By.id("answer")).getText()).isEqualTo(CatAgentExample.FINAL_ANSWER);

        List<WebElement> steps = this.driver.findElements(By.cssSelector("#steps .step"));
        assertThat(steps).extracting((step) -> step.findElement(By.className("tool-name")).getText())
            .containsExactly("where_cat_is_hiding", "get_items");
        assertThat(steps).extracting((step) -> step.findElement(By.className("tool-input")).getText())
            .containsExactly("{}", "{\"place\":\"shelf\"}");
        assertThat(steps).extracting((step) -> step.findElement(By.className("tool-output")).getText())
            .containsExactly(CatAgentExample.HIDING_PLACE, CatAgentExample.ITEMS);
        assertThat(steps).extracting((step) -> step.getAttribute("class")).containsOnly("step success");

        List<WebElement> runs = this.driver.findElements(By.cssSelector("#tree li.run"));
        assertThat(runs).extracting((run) -> run.getAttribute("data-run-type") + " "
                + run.findElement(By.className("run-name")).getText())
            .containsExactly("chain Agent", "chat_model FakeChatModel", "tool where_cat_is_hiding",
                    "chat_model FakeChatModel", "tool get_items", "chain RunnableSequence",
                    "prompt ChatPromptTemplate", "chat_model Get Items LLM", "chat_model FakeChatModel");
        assertThat(runs).extracting((run) -> run.getAttribute("data-status")).containsOnly("success");
        List<WebElement> agentChildren = this.driver
            .findElements(By.cssSelector("#tree .tree-root > li.run > ul.children > li.run"));
        assertThat(agentChildren).hasSize(5);
        List<WebElement> toolChildren = this.driver
            .findElements(By.cssSelector("#tree li.run[data-run-type='tool'] > ul.children > li.run"));
        assertThat(toolChildren).extracting((run) -> run.findElement(By.className("run-name")).getText())
            .containsExactly("RunnableSequence");

        // Let the counters pick up the finished run before the picture is taken.
        wait.until((d) -> !d.findElement(By.cssSelector("#m-tool .value")).getText().equals("–"));
        saveScreenshot();
    }

    @Test
    void refusesAnEmptyQuestionWithoutCallingTheServer() {
        this.driver.get("http://localhost:" + this.port + "/");
        this.driver.findElement(By.id("question")).clear();

        this.driver.findElement(By.id("ask")).click();

        WebElement error = this.driver.findElement(By.id("form-error"));
        assertThat(error.isDisplayed()).isTrue();
        assertThat(error.getText()).isEqualTo("Type a question first.");
        assertThat(this.driver.findElement(By.id("run-status")).getAttribute("data-status")).isEqualTo("idle");
    }

    private void saveScreenshot() throws IOException {
        // Grow the window to the page's height so that the whole run tree is in the picture.
        JavascriptExecutor js = (JavascriptExecutor) this.driver;
        long pageHeight = ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
        long chrome = ((Number) js.executeScript("return window.outerHeight - window.innerHeight")).longValue();
        this.driver.manage().window().setSize(new Dimension(1440, (int) (pageHeight + chrome)));
        File shot = ((ChromeDriver) this.driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots", "demo.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        String extra = System.getProperty("demo.screenshot.path");
        if (extra != null && !extra.isBlank()) {
            Path path = Path.of(extra);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.copy(shot.toPath(), path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Optional<Path> findBinary(String... names) {
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String name : names) {
            for (String dir : (pathVariable + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/usr/lib/chromium")
                .split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
