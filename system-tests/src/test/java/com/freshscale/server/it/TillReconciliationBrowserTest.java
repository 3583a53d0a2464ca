package com.freshscale.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.freshscale.device.sync.ScaleSync;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.server.auth.Account;
import com.freshscale.server.auth.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Till reconciliation end to end: a scale's labels (one paid by card at the scale) reach the server over MQTT; the
 * store's POS reports its scans over HTTP with its own account; HQ sees the day in the console (real headless
 * Chromium) with every discrepancy, imports a second till's CSV export there, and the report follows.
 */
class TillReconciliationBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String APPLES = "2104020001998"; // each with its GS1 check digit: the ingest checks it
    static final String BANANAS = "2104011002461";
    static final String PAID = "2904011000005";
    static final String FORGED = "2104099005004";

    @TempDir
    Path dir;

    /** A label of 1 kg at {@code total} per kg, priced by book {@code version} (the server checks it like a till). */
    static Sale label(String barcode, long number, Instant at, long total, long version) {
        return new Sale(Sale.newId(), "s1", "a", number, barcode.substring(3, 7), SaleType.PER_KG, 1_000_000, 0, total, null, total,
                "EUR", barcode, at, version, null, null, false, 1, false);
    }

    @Test
    void aTillsScansAgainstTheScalesLabelsInTheConsole() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") == null) Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
        // yesterday 11:00 UTC, 12:00 in Berlin (the test server's business zone): one business day for all of it
        Instant noon = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS).plus(11, ChronoUnit.HOURS);
        LocalDate day = LocalDate.ofInstant(noon, ZoneOffset.UTC);
        try (TestServer server = TestServer.embedded(dir.resolve("server"))) {
            assertThat(Http.send("PUT", server.http() + "/api/stores/s1", Map.of("name", "Market Street", "currency", "EUR")).status())
                    .isEqualTo(200);
            server.app.accounts().add(new Account("pos-s1", Role.TILL, Set.of("s1")), "pos-s1-password".toCharArray());
            // the scale's labels are priced from a published book: apples 1.99, bananas 2.46 per kg
            server.app.prices().putPlus("s1", List.of(
                    new com.freshscale.protocol.pricebook.Plu("4020", Map.of("en", "Apples"), SaleType.PER_KG, 199, "EUR", 0, 3, "ean13", "std",
                            List.of(), true),
                    new com.freshscale.protocol.pricebook.Plu("4011", Map.of("en", "Bananas"), SaleType.PER_KG, 246, "EUR", 0, 3, "ean13", "std",
                            List.of(), true)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                var p = server.app.publisher().latest("s1");
                return p != null && new String(p.payload(), java.nio.charset.StandardCharsets.UTF_8).contains("\"4020\"");
            });
            long v = server.app.publisher().latest("s1").version();
            server.publishedBefore("s1", noon);

            ScaleSync scale = Scale.start(dir.resolve("a.db"), Scale.config(server, dir, "s1", "a", 1_000));
            try {
                scale.recordSale(label(APPLES, scale.nextSaleNumber(), noon, 199, v));
                scale.recordSale(label(BANANAS, scale.nextSaleNumber(), noon.plusSeconds(60), 246, v));
                scale.recordSale(label(PAID, scale.nextSaleNumber(), noon.plusSeconds(120), 246, v).paidAtScale("52500038/000117/000042"));
                await().atMost(Duration.ofSeconds(30)).until(() -> scale.outbox().depth() == 0);
            } finally {
                scale.close();
            }
            assertThat(server.sales()).isEqualTo(3);
            assertThat(server.count("SELECT COUNT(*) FROM sale WHERE payment_reference = '52500038/000117/000042'")).isEqualTo(1);

            // the POS: the apples twice (a copied label), the paid label (rang at zero), a barcode no scale printed
            String scans = "{\"till\":\"till-1\",\"scans\":["
                    + scan("R1-1", APPLES, noon.plusSeconds(600), 199) + "," + scan("R1-2", PAID, noon.plusSeconds(601), 0) + ","
                    + scan("R2-1", APPLES, noon.plusSeconds(900), 199) + "," + scan("R2-2", FORGED, noon.plusSeconds(901), 500) + "]}";
            Http.Response r = Http.send("POST", server.http() + "/api/stores/s1/till-scans", scans, Http.basic("pos-s1", "pos-s1-password"));
            assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
            assertThat(r.body().get("stored").asInt()).isEqualTo(4);

            WebDriver browser = browser(dir);
            try {
                browser.get(server.http() + "/console/?store=s1&tab=tills");
                WebElement user = waitFor(browser, d -> d.findElements(By.id("user")).isEmpty() ? null : d.findElement(By.id("user")));
                user.sendKeys(TestServer.HQ_USER);
                browser.findElement(By.id("password")).sendKeys(TestServer.HQ_PASSWORD);
                browser.findElement(By.id("login-submit")).click();
                waitFor(browser, d -> d.findElements(By.id("till-from")).isEmpty() || !d.findElement(By.id("till-from")).isDisplayed() ? null : true);
                setDate(browser, "till-from", day);
                setDate(browser, "till-to", day);
                browser.findElement(By.id("till-report")).click();
                WebElement row = waitFor(browser, d -> d.findElements(By.cssSelector("#till-days tr[data-day='" + day + "']")).isEmpty()
                        ? null : d.findElement(By.cssSelector("#till-days tr[data-day='" + day + "']")));
                List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
                assertThat(cells.get(1)).isEqualTo("3 · €6.91");               // printed
                assertThat(cells.get(2)).isEqualTo("1 · €2.46 (1 also scanned)"); // paid at the scale
                assertThat(cells.get(3)).isEqualTo("1 · €1.99");               // the apples' label, scanned
                assertThat(cells.get(4)).isEqualTo("1 · €2.46");               // the bananas: never scanned
                assertThat(cells.get(5)).isEqualTo("1 · €5.00");               // forged
                assertThat(cells.get(6)).isEqualTo("1 · €1.99");               // the apples again
                assertThat(cells.get(7)).isEqualTo("4");
                assertThat(browser.findElement(By.id("till-total")).getText()).startsWith("Total 3 · €6.91");
                shot(browser, "console-till-reconciliation");

                row.click();
                waitFor(browser, d -> d.findElement(By.id("till-lines-card")).isDisplayed() ? true : null);
                waitFor(browser, d -> d.findElements(By.cssSelector("#till-lines tbody tr[data-barcode]")).size() == 3 ? true : null);
                assertThat(browser.findElement(By.cssSelector("#till-lines tr[data-barcode='" + FORGED + "']")).getText())
                        .contains("no scale printed it");
                assertThat(browser.findElement(By.cssSelector("#till-lines tr[data-barcode='" + BANANAS + "']")).getText()).contains("#2");
                assertThat(browser.findElement(By.id("till-lines-csv")).getAttribute("href")).contains("format=csv");

                // a second till that can only export files: its scan of the bananas, imported by HQ in the console
                Path export = dir.resolve("till-2.csv");
                Files.writeString(export, "till,scan_id,barcode,scanned_at,price\n" + "till-2,J9-1," + BANANAS + ","
                        + noon.plusSeconds(1200) + ",2.46\n");
                browser.findElement(By.id("till-file")).sendKeys(export.toString());
                browser.findElement(By.cssSelector("#till-import button")).click();
                waitFor(browser, d -> d.findElement(By.id("toast")).getText().contains("Imported 1 scans") ? true : null);
                waitFor(browser, d -> d.findElement(By.cssSelector("#till-days tr[data-day='" + day + "']")).findElements(By.tagName("td"))
                        .get(4).getText().equals("0") ? true : null);
                assertThat(browser.findElement(By.cssSelector("#till-days tr[data-day='" + day + "']")).findElements(By.tagName("td"))
                        .get(3).getText()).isEqualTo("2 · €4.45");
                shot(browser, "console-till-reconciliation-after-import");
            } finally {
                browser.quit();
            }
        }
    }

    static String scan(String id, String barcode, Instant at, long price) {
        return "{\"id\":\"" + id + "\",\"barcode\":\"" + barcode + "\",\"scannedAt\":\"" + at + "\",\"priceMinor\":" + price + "}";
    }

    static WebDriver browser(Path tmp) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + tmp.resolve("chromium-profile"), "--window-size=1280,900", "--lang=en");
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
    }

    static void setDate(WebDriver browser, String id, LocalDate day) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1]", id,
                day.toString());
    }

    static <T> T waitFor(WebDriver browser, java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(15)).until(condition);
    }

    static void shot(WebDriver browser, String name) throws Exception {
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
