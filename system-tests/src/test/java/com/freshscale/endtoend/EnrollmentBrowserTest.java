package com.freshscale.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 12, enrollment end to end in a real (headless) Chromium: HQ makes a one-time code for a new scale in the
 * console's Scales tab; the technician types it into the scale's service menu; the scale gets its identity and the
 * price-book key, connects, receives its price book, and the console lists it as enrolled and online.
 */
class EnrollmentBrowserTest {
    @Test
    void hqMakesACodeTheTechnicianTypesItTheScaleComesOnline(@TempDir Path tmp) throws Exception {
        boolean present = Files.isExecutable(KioskBrowserTest.CHROMIUM) && Files.isExecutable(KioskBrowserTest.CHROMEDRIVER);
        if (System.getenv("CI") == null) Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
        try (DemoStack stack = new DemoStack(tmp.resolve("demo"), false)) {
            assertThat(stack.scale.sync().enrolled()).isFalse();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(KioskBrowserTest.CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--user-data-dir=" + tmp.resolve("chromium-profile"), "--window-size=1280,800", "--lang=en");
            WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                    .usingDriverExecutable(KioskBrowserTest.CHROMEDRIVER.toFile()).build(), options);
            try {
                // HQ: log in, Scales tab, a code for scale-1
                browser.get(stack.consoleUrl() + "/console/?store=demo-store&tab=fleet");
                waitFor(browser, d -> d.findElements(By.id("user")).isEmpty() ? null : d.findElement(By.id("user")))
                        .sendKeys(stack.login.user());
                browser.findElement(By.id("password")).sendKeys(stack.login.password());
                browser.findElement(By.id("login-submit")).click();
                WebElement scaleId = waitFor(browser, d -> d.findElement(By.id("enrol")).isDisplayed() ? d.findElement(By.id("enrol-scale")) : null);
                scaleId.sendKeys("scale-1");
                browser.findElement(By.cssSelector("#enrol button[type=submit]")).click();
                String shown = waitFor(browser, d -> {
                    String t = d.findElement(By.id("enrol-code")).getText();
                    return t.contains("Code for scale-1") ? t : null;
                });
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}").matcher(shown);
                assertThat(m.find()).as(shown).isTrue();
                String code = m.group();

                // the technician: the scale's service menu, PIN, Enrol, the code
                String console = browser.getWindowHandle();
                browser.switchTo().newWindow(WindowType.TAB);
                browser.get(stack.kioskUrl() + "/service.html");
                for (String c : new String[] {"4", "7", "1", "1", "OK"}) {
                    waitFor(browser, d -> d.findElements(By.cssSelector("#pin-keypad button[data-key='" + c + "']")).isEmpty() ? null
                            : d.findElement(By.cssSelector("#pin-keypad button[data-key='" + c + "']"))).click();
                }
                waitFor(browser, d -> d.findElement(By.id("menu")).isDisplayed() ? Boolean.TRUE : null);
                browser.findElement(By.cssSelector(".tabs button[data-tab=enrol]")).click();
                browser.findElement(By.id("enrol-code")).sendKeys(code);
                browser.findElement(By.id("enrol")).click();
                WebElement result = waitFor(browser, d -> "true".equals(d.findElement(By.id("enrol-result")).getAttribute("data-enrolled"))
                        ? d.findElement(By.id("enrol-result")) : null);
                assertThat(result.getText()).contains("Enrolled");
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> stack.scale.sync().connected()
                        && stack.scale.sync().currentPriceBook().filter(b -> !b.plus().isEmpty()).isPresent());

                // HQ sees it enrolled and online
                browser.switchTo().window(console);
                browser.navigate().refresh();
                waitFor(browser, d -> {
                    for (WebElement row : d.findElements(By.cssSelector("#scales tbody tr[data-scale='scale-1']"))) {
                        String t = row.getText();
                        if (t.contains("ENROLLED") && t.contains("ONLINE")) return Boolean.TRUE;
                    }
                    return null;
                });
            } finally {
                browser.quit();
            }
        }
    }

    static <T> T waitFor(WebDriver browser, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition::apply);
    }
}
