package dev.orders.fulfillment.localstack;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Temporal Web UI (2.42, as the CLI's dev server serves it) driven in Debian's Chromium, as an operator uses it:
 * the workflow list filtered by a search attribute, and a workflow's "Send a Signal", in {@link Chromium}.
 */
final class TemporalUi implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final By SIGNAL_DIALOG = By.cssSelector("dialog[open][data-testid='signal-confirmation-modal']");

    private final String baseUrl;
    private final Path screenshots;
    private final WebDriver browser;
    private final WebDriverWait wait;

    TemporalUi(String baseUrl, Path screenshots) throws IOException {
        this.baseUrl = baseUrl;
        this.screenshots = Files.createDirectories(screenshots);
        this.browser = Chromium.start();
        this.wait = new WebDriverWait(browser, PATIENCE);
    }

    /** The workflow ids the list shows for a visibility query, e.g. {@code OrderStatus="manual_review"}. */
    List<String> listedWorkflowIds(String query, String expected) {
        browser.get(baseUrl + "/namespaces/" + TemporalFrontend.NAMESPACE + "/workflows?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(expected)));
        return browser.findElements(By.cssSelector("a[href*='/workflows/order-']")).stream()
                .map(WebElement::getText)
                .map(String::strip)
                .filter(text -> text.startsWith("order-"))
                .distinct()
                .toList();
    }

    /** On the workflow's page: More Actions, Send a Signal, its name and JSON input, Submit. */
    void sendSignal(String workflowId, String name, String jsonInput) {
        browser.get(baseUrl + "/namespaces/" + TemporalFrontend.NAMESPACE + "/workflows/" + workflowId);
        // the page lays out its actions twice (wide and narrow screens) and shows one: click the visible one
        visible(By.xpath("//button[normalize-space()='More Actions']")).click();
        visible(By.cssSelector("[data-testid='signal-button']")).click();
        // the form re-renders once the UI has asked the worker for the workflow's signals: fill it in again until
        // what it shows is what was entered
        for (int attempt = 1; ; attempt++) {
            try {
                fillSignal(name, jsonInput);
                break;
            } catch (StaleElementReferenceException | TimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
        screenshot("temporal-ui-send-signal.png");
        visible(SIGNAL_DIALOG)
                .findElement(By.cssSelector("[data-testid='confirm-modal-button']"))
                .click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(SIGNAL_DIALOG));
    }

    private void fillSignal(String name, String jsonInput) {
        // with a worker polling (as here), the UI lists the workflow's own signals from the SDK's workflow metadata
        By list = By.cssSelector("dialog[open] [data-testid='signal-select-button']");
        By chosen = By.cssSelector("dialog[open] [data-testid='signal-select']");
        By data = By.cssSelector("dialog[open] .cm-content");
        List<WebElement> signals = new WebDriverWait(browser, Duration.ofSeconds(5)).until(driver -> {
            List<WebElement> found = driver.findElements(list);
            return found.isEmpty() ? null : found;
        });
        signals.get(0).click();
        visible(By.xpath("//dialog[@open]//li[@role='option'][normalize-space(.)='" + name + "']"))
                .click();
        // the input is a CodeMirror editor: typed into, not set
        WebElement editor = visible(data);
        editor.click();
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE); // what an earlier attempt typed
        editor.sendKeys(jsonInput);
        wait.until(driver -> name.equals(driver.findElement(chosen).getDomProperty("value"))
                && jsonInput.equals(driver.findElement(data).getText().strip()));
    }

    /** The workflow's page as it stands, e.g. once the signal has been handled. */
    Path screenshotOf(String workflowId, String file) {
        browser.get(baseUrl + "/namespaces/" + TemporalFrontend.NAMESPACE + "/workflows/" + workflowId);
        visible(By.xpath("//h1[contains(., '" + workflowId + "')] | //*[normalize-space()='" + workflowId + "']"));
        return screenshot(file);
    }

    Path screenshot(String file) {
        try {
            Path target = screenshots.resolve(file);
            Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private WebElement visible(By locator) {
        return wait.until(driver -> driver.findElements(locator).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElse(null));
    }

    @Override
    public void close() {
        browser.quit();
    }
}
