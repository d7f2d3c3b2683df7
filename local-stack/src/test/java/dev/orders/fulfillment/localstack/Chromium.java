package dev.orders.fulfillment.localstack;

import java.io.IOException;
import java.nio.file.Files;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium through its driver, headless as this machine needs it: no sandbox as root, no background
 * connections to a network that is closed, a fresh profile each time.
 */
final class Chromium {

    private Chromium() {}

    static WebDriver start() throws IOException {
        RealParts.requireBrowser();
        ChromeOptions options = new ChromeOptions()
                .setBinary(RealParts.CHROMIUM.toFile())
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--window-size=1400,1000",
                        "--user-data-dir=" + Files.createTempDirectory("chromium-profile-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(RealParts.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
