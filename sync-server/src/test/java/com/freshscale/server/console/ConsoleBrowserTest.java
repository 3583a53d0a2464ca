package com.freshscale.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.pricebook.DemoPriceBook;
import com.freshscale.server.app.ServerApp;
import com.freshscale.server.auth.Account;
import com.freshscale.server.auth.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The manager console in a real (headless) Chromium against a real server (embedded broker, SQLite, signed books):
 * the price guard's refusal and confirmation, editing every field of an item with the draft's field-by-field view
 * beside (never over) the table, the price history, the sale numbers used twice (texts shown as text).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");
    static final String USER = "anna";
    static final String PASSWORD = "console-browser-pw";

    ServerApp server;
    WebDriver browser;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") == null) Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
        server = com.freshscale.server.LocalServer.start(tmp.resolve("server"), "console-browser");
        server.accounts().add(new Account(USER, Role.HQ, java.util.Set.of()), PASSWORD.toCharArray());
        server.prices().putStore(DemoPriceBook.STORE_ID, "Demo store", "EUR", null);
        server.prices().putPlus(DemoPriceBook.STORE_ID, DemoPriceBook.load().plus());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + tmp.resolve("chromium-profile"), "--window-size=1280,900", "--lang=en-US");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        browser.get(url("/console/?store=demo-store&tab=prices"));
        waitFor(d -> d.findElements(By.id("user")).isEmpty() ? null : true);
        browser.findElement(By.id("user")).sendKeys(USER);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        waitFor(d -> d.findElements(By.cssSelector("#plus tr[data-plu='4011']")).isEmpty() ? null : true);
        ((JavascriptExecutor) browser).executeScript("window.__errors = []; window.addEventListener('error', e => window.__errors.push(e.message));"
                + "window.addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));");
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.quit();
        if (server != null) server.close();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.httpPort() + path;
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(45)).until(condition);
    }

    WebElement row(String plu) {
        return waitFor(d -> {
            List<WebElement> e = d.findElements(By.cssSelector("#plus tr[data-plu='" + plu + "']"));
            return e.isEmpty() ? null : e.get(0);
        });
    }

    void setPrice(String plu, String price) {
        WebElement input = row(plu).findElement(By.cssSelector("input.price"));
        input.clear();
        input.sendKeys(price);
        row(plu).findElement(By.cssSelector("button.save")).click();
    }

    String toast() {
        return waitFor(d -> d.findElement(By.id("toast")).isDisplayed() ? d.findElement(By.id("toast")).getText() : null);
    }

    void publishAndWait() {
        long before = server.prices().store(DemoPriceBook.STORE_ID).revision();
        browser.findElement(By.id("publish-changes")).click();
        waitFor(d -> server.prices().store(DemoPriceBook.STORE_ID).revision() > before ? true : null);
        try {
            waitFor(d -> d.findElement(By.id("draft")).isDisplayed() ? null : true);
        } catch (org.openqa.selenium.TimeoutException e) {
            shot("console-publish-timeout");
            System.err.println("draft after publishing: " + browser.findElement(By.id("draft")).getText() + " / toast: "
                    + browser.findElement(By.id("toast")).getText() + " / errors: "
                    + ((JavascriptExecutor) browser).executeScript("return window.__errors || []"));
            throw e;
        }
    }

    @Test
    @Order(1)
    void aPriceNoLabelCouldCarryIsRefusedInTheFormAndNothingIsNoted() {
        setPrice("4011", "99999999999");
        assertThat(toast()).contains("PLU 4011 Bananas: 99999999999.00 EUR per kg would make the largest load a scale weighs (15.045 kg) cost")
                .contains("at most 66.46 EUR per kg");
        assertThat(browser.findElement(By.id("draft")).isDisplayed()).as("nothing was noted").isFalse();
        shot("console-price-ceiling");
    }

    @Test
    @Order(2)
    void aPriceCutBeyondHalfNeedsTheConfirmationNamingOldAndNewPrice() {
        setPrice("4011", "0.10");
        WebElement confirm = waitFor(d -> d.findElements(By.cssSelector("#draft-confirm label.confirm")).isEmpty() ? null
                : d.findElement(By.cssSelector("#draft-confirm label.confirm")));
        assertThat(confirm.getText()).isEqualTo("PLU 4011 Bananas: 1.99 EUR → 0.10 EUR is a change of −95 %, beyond ±50 %: confirm it to publish it");
        WebElement publish = browser.findElement(By.id("publish-changes"));
        assertThat(publish.isEnabled()).isFalse();
        assertThat(publish.getText()).isEqualTo("Confirm 1 price change to publish");
        assertThat(browser.findElement(By.id("draft-list")).getText()).contains("price: €1.99 → €0.10");
        // the draft sits beside the table: it covers neither the price box nor the buttons of the row it describes
        assertNotCovered(row("4011").findElement(By.cssSelector("input.price")));
        assertNotCovered(row("4011").findElement(By.cssSelector("button.save")));
        shot("console-price-confirm");
        tick("#draft-confirm label.confirm input");
        publishAndWait();
        assertThat(server.prices().plu(DemoPriceBook.STORE_ID, "4011").unitPriceMinor()).isEqualTo(10);
        // and back, confirmed again: a confirmation is for one old → new only
        setPrice("4011", "1.99");
        waitFor(d -> d.findElements(By.cssSelector("#draft-confirm label.confirm")).isEmpty() ? null : true);
        tick("#draft-confirm label.confirm input");
        publishAndWait();
        assertThat(server.prices().plu(DemoPriceBook.STORE_ID, "4011").unitPriceMinor()).isEqualTo(199);
    }

    @Test
    @Order(3)
    void creatingAnExistingCodeIsRefusedInTheForm() {
        browser.findElement(By.id("plu-add-toggle")).click();
        WebElement form = browser.findElement(By.id("item-form"));
        form.findElement(By.name("code")).sendKeys("4011");
        form.findElement(By.name("name-en")).sendKeys("Duplicate of bananas");
        form.findElement(By.name("price")).sendKeys("0.10");
        browser.findElement(By.id("item-submit")).click();
        WebElement error = waitFor(d -> d.findElement(By.id("item-error")).isDisplayed() ? d.findElement(By.id("item-error")) : null);
        assertThat(error.getText()).isEqualTo("PLU 4011 already exists (Bananas): change that item instead of creating it again");
        assertThat(browser.findElement(By.id("draft")).isDisplayed()).isFalse();
        browser.findElement(By.id("item-cancel")).click();
    }

    @Test
    @Order(4)
    void everyFieldOfAnItemIsEditedAndTheDraftShowsEachFieldOldToNew() {
        row("4173").findElement(By.cssSelector("button.edit")).click();
        WebElement form = waitFor(d -> d.findElement(By.id("item-form")).isDisplayed() ? d.findElement(By.id("item-form")) : null);
        assertThat(form.findElement(By.name("code")).getAttribute("readonly")).isNotNull();
        type(form, "name-en", "  Royal Gala apples from Italy ");
        type(form, "name-de", "Äpfel Royal Gala aus Italien");
        type(form, "price", "3.19");
        type(form, "tare", "15");
        type(form, "shelfLife", "21");
        type(form, "origin", "it");
        new org.openqa.selenium.support.ui.Select(form.findElement(By.name("qualityClass"))).selectByValue("I");
        type(form, "variety", "Gala");
        type(form, "labels", "Royal-Gala, Gala");
        browser.findElement(By.id("item-submit")).click();
        WebElement draft = waitFor(d -> d.findElement(By.id("draft")).isDisplayed()
                && !d.findElements(By.cssSelector("#draft-list li[data-plu='4173'] li.field")).isEmpty() ? d.findElement(By.id("draft-list")) : null);
        String text = draft.getText();
        assertThat(text).contains("name (en): Royal Gala apples → Royal Gala apples from Italy",
                "name (de): Äpfel Royal Gala → Äpfel Royal Gala aus Italien", "price: €2.65 → €3.19", "tare (mg): 0 g → 15 g", "shelf life (days): 14 → 21", "origin: DE → IT", "class: — → I",
                "variety: — → Gala", "recognition labels: Royal-Gala → Royal-Gala, Gala");
        assertNotCovered(row("4173").findElement(By.cssSelector("button.edit")));
        shot("console-item-edit-draft");
        // a new preset tare changes what every label charges: confirmed like a big price change
        WebElement confirm = waitFor(d -> d.findElements(By.cssSelector("#draft-confirm label.confirm")).isEmpty() ? null
                : d.findElement(By.cssSelector("#draft-confirm label.confirm")));
        assertThat(confirm.getText()).isEqualTo("PLU 4173 Royal Gala apples from Italy: preset tare 0 g → 15 g changes the net weight "
                + "every label of it charges for: confirm it to publish it");
        tick("#draft-confirm label.confirm input");
        publishAndWait();
        var saved = server.prices().plu(DemoPriceBook.STORE_ID, "4173");
        assertThat(saved.names()).containsEntry("en", "Royal Gala apples from Italy");
        assertThat(saved.presetTareMg()).isEqualTo(15_000);
        assertThat(saved.shelfLifeDays()).isEqualTo(21);
        assertThat(saved.originCountry()).isEqualTo("IT");
        assertThat(saved.qualityClass()).isEqualTo("I");
        assertThat(saved.variety()).isEqualTo("Gala");
        assertThat(saved.modelLabels()).containsExactly("Royal-Gala", "Gala");
        // the price history names who changed what, old and new
        browser.findElement(By.id("history-plu")).sendKeys("4173");
        browser.findElement(By.id("history-show")).click();
        WebElement history = waitFor(d -> d.findElement(By.id("history")).getText().contains("variety") ? d.findElement(By.id("history")) : null);
        assertThat(history.getText()).contains(USER).contains("€2.65").contains("€3.19");
    }

    /** Issue 11: a per-piece item's typical piece weight is edited in grams, within its limits, and never offered on a per-kg item. */
    @Test
    @Order(2)
    void theTypicalPieceWeightOfAPerPieceItemIsEditedInGramsWithinItsLimits() {
        row("4046").findElement(By.cssSelector("button.edit")).click();
        WebElement form = waitFor(d -> d.findElement(By.id("item-form")).isDisplayed() ? d.findElement(By.id("item-form")) : null);
        assertThat(form.findElement(By.name("typicalPiece")).getAttribute("value")).as("the demo's Hass avocado").isEqualTo("200");
        type(form, "typicalPiece", "2");
        browser.findElement(By.id("item-submit")).click();
        WebElement error = waitFor(d -> d.findElement(By.id("item-error")).isDisplayed() ? d.findElement(By.id("item-error")) : null);
        assertThat(error.getText()).contains("typical piece weight must be 5 g to");
        type(form, "typicalPiece", "180");
        browser.findElement(By.id("item-submit")).click();
        WebElement draft = waitFor(d -> d.findElement(By.id("draft")).isDisplayed()
                && !d.findElements(By.cssSelector("#draft-list li[data-plu='4046'] li.field")).isEmpty() ? d.findElement(By.id("draft-list")) : null);
        assertThat(draft.getText()).contains("typical piece (mg): 200 g → 180 g");
        publishAndWait();
        assertThat(server.prices().plu(DemoPriceBook.STORE_ID, "4046").typicalPieceMg()).isEqualTo(180_000L);
        // an item sold by weight has none: the server says so rather than dropping what was typed
        row("4011").findElement(By.cssSelector("button.edit")).click();
        WebElement bananas = waitFor(d -> d.findElement(By.id("item-form")).isDisplayed() ? d.findElement(By.id("item-form")) : null);
        assertThat(bananas.findElement(By.name("typicalPiece")).getAttribute("value")).isEmpty();
        type(bananas, "typicalPiece", "150");
        browser.findElement(By.id("item-submit")).click();
        WebElement refused = waitFor(d -> d.findElement(By.id("item-error")).isDisplayed()
                && !d.findElement(By.id("item-error")).getText().isBlank() ? d.findElement(By.id("item-error")) : null);
        assertThat(refused.getText()).contains("only an item sold per piece");
        browser.findElement(By.id("item-cancel")).click();
        assertThat(server.prices().plu(DemoPriceBook.STORE_ID, "4011").typicalPieceMg()).isNull();
    }

    @Test
    @Order(5)
    void aBlankNameIsRefusedAndRemovalIsADraftChange() {
        row("4011").findElement(By.cssSelector("button.edit")).click();
        WebElement form = waitFor(d -> d.findElement(By.id("item-form")).isDisplayed() ? d.findElement(By.id("item-form")) : null);
        type(form, "name-en", "   ");
        browser.findElement(By.id("item-submit")).click();
        WebElement error = waitFor(d -> d.findElement(By.id("item-error")).isDisplayed() ? d.findElement(By.id("item-error")) : null);
        assertThat(error.getText()).isEqualTo("PLU 4011: the name (en) is blank");
        browser.findElement(By.id("item-cancel")).click();
        row("4011").findElement(By.cssSelector("button.remove")).click();
        WebElement draft = waitFor(d -> d.findElement(By.id("draft")).isDisplayed() ? d.findElement(By.id("draft-list")) : null);
        waitFor(d -> draft.getText().contains("Remove PLU 4011 Bananas") ? true : null);
        browser.findElement(By.id("discard-changes")).click();
        waitFor(d -> d.findElement(By.id("draft")).isDisplayed() ? null : true);
    }

    @Test
    @Order(6)
    void aSalesReportWithAndWithoutGroupingAddsUpAndItsCsvHasTheColumns() throws Exception {
        java.time.Instant at = java.time.Instant.now().minusSeconds(600);
        long version = server.publisher().latest(DemoPriceBook.STORE_ID).version();
        java.util.List<com.freshscale.protocol.sales.Sale> sales = java.util.List.of(
                new com.freshscale.protocol.sales.Sale(com.freshscale.protocol.sales.Sale.newId(), DemoPriceBook.STORE_ID, "scale-1", 1, "4011",
                        com.freshscale.protocol.pricebook.SaleType.PER_KG, 1_234_000, 0, 199, null, 246, "EUR", "2104011002461", at, version,
                        "4011", 0.97, true, 0, false),
                new com.freshscale.protocol.sales.Sale(com.freshscale.protocol.sales.Sale.newId(), DemoPriceBook.STORE_ID, "scale-1", 2, "4046",
                        com.freshscale.protocol.pricebook.SaleType.PER_PIECE, 0, 3, 129, null, 387, "EUR", "2104046003877", at.plusSeconds(30),
                        version, "4046", 0.8, false, 1, false).soldAs("Avocado Hass", 129L, null, null));
        try (com.freshscale.server.EnrolledScale scale = new com.freshscale.server.EnrolledScale(server, DemoPriceBook.STORE_ID, "scale-1")) {
            scale.send(sales);
        }

        browser.get(url("/console/?store=demo-store&tab=sales"));
        WebElement report = waitFor(d -> d.findElement(By.id("report-table")).getText().contains("Avocado Hass") ? d.findElement(By.id("report-table")) : null);
        // grouped by store, day and PLU: each item in its own unit, and a grand total that is the sum of the rows
        assertThat(report.getText()).contains("Bananas", "1.234 kg", "3 pcs").doesNotContain("0.000 kg");
        assertThat(browser.findElement(By.cssSelector("#report-table tfoot")).getText()).contains("Total: 2 sales, 1.234 kg, 3 pcs").contains("€6.33");
        shot("console-report-grouped");
        for (WebElement box : browser.findElements(By.cssSelector("input[name=by]"))) if (box.isSelected()) box.click();
        browser.findElement(By.id("report")).click();
        waitFor(d -> d.findElements(By.cssSelector("#report-table tbody tr[data-sale-id]")).size() == 2 ? true : null);
        String lines = browser.findElement(By.id("report-table")).getText();
        assertThat(browser.findElement(By.id("report-caption")).getText()).contains("one row per sale");
        assertThat(lines).contains("Item (as sold)", "Unit price", "Regular price", "Discount", "Status", "printed", "Avocado Hass", "€1.29");
        assertThat(browser.findElement(By.cssSelector("#report-table tfoot")).getText()).contains("€6.33");
        shot("console-report-lines");
        // the CSV behind the button, fetched with the browser's own session
        String href = browser.findElement(By.id("csv")).getAttribute("href");
        Object csv = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done('ERR ' + e));", href);
        String[] rows = String.valueOf(csv).split("\r?\n");
        assertThat(rows[0]).isEqualTo("sold_at,day,store,scale,sale_number,plu,item_name,sale_type,quantity,unit,unit_price,regular_price,"
                + "discount,total,currency,promotion,status");
        assertThat(rows).hasSize(3);
        assertThat(rows[1]).contains(",4011,Bananas,PER_KG,1.234000,kg,1.99,1.99,,2.46,EUR,,printed");
        assertThat(rows[2]).contains(",4046,Avocado Hass,PER_PIECE,3,pcs,1.29,1.29,,3.87,EUR,,printed");
    }

    @Test
    @Order(7)
    void theChartsRenderWithData() {
        browser.get(url("/console/?store=demo-store&tab=sales"));
        waitFor(d -> chartPoints("chart-day") > 0 ? true : null);
        assertThat(chartPoints("chart-hour")).isEqualTo(24);
        assertThat(chartPoints("chart-top")).isEqualTo(2);
        assertThat(painted("chart-day")).as("the day chart has drawn pixels").isTrue();
        assertThat(painted("chart-top")).isTrue();
        shot("console-charts");
        browser.findElement(By.cssSelector("#tabs button[data-tab='recognition']")).click();
        waitFor(d -> chartPoints("chart-first-tile") > 0 ? true : null);
        assertThat(painted("chart-first-tile")).isTrue();
        WebElement items = waitFor(d -> d.findElements(By.cssSelector("#recognition-items tr[data-plu='4011']")).isEmpty() ? null
                : d.findElement(By.cssSelector("#recognition-items tr[data-plu='4011']")));
        assertThat(items.getText()).contains("Bananas");
        shot("console-recognition");
    }

    @Test
    @Order(8)
    void theTillsTabListsASaleNumberUsedTwiceAndShowsItsTextsAsText() throws Exception {
        java.time.Instant at = java.time.Instant.now().minusSeconds(300);
        long version = server.publisher().latest(DemoPriceBook.STORE_ID).version();
        String html = "<img src=x onerror=\"window.__xss = 1\">";
        com.freshscale.protocol.sales.Sale first = new com.freshscale.protocol.sales.Sale(com.freshscale.protocol.sales.Sale.newId(),
                DemoPriceBook.STORE_ID, "scale-2", 5, "4011", com.freshscale.protocol.pricebook.SaleType.PER_KG, 1_234_000, 0, 199, null, 246,
                "EUR", "2104011002461", at, version, "4011", 0.97, true, 0, false).voided(html, at.plusSeconds(30));
        // the scale restored from a backup numbers the next sale 5 again
        com.freshscale.protocol.sales.Sale again = new com.freshscale.protocol.sales.Sale(com.freshscale.protocol.sales.Sale.newId(),
                DemoPriceBook.STORE_ID, "scale-2", 5, "4011", com.freshscale.protocol.pricebook.SaleType.PER_KG, 1_234_000, 0, 199, null, 246,
                "EUR", "2104011002461", at.plusSeconds(120), version, "4011", 0.97, true, 0, false);
        try (com.freshscale.server.EnrolledScale scale = new com.freshscale.server.EnrolledScale(server, DemoPriceBook.STORE_ID, "scale-2")) {
            scale.send(List.of(first, again));
        }
        browser.get(url("/console/?store=demo-store&tab=tills"));
        waitFor(d -> d.findElements(By.cssSelector("#sale-numbers tr[data-sale-number='scale-2#5']")).size() == 2 ? true : null);
        List<WebElement> rows = browser.findElements(By.cssSelector("#sale-numbers tbody tr"));
        assertThat(rows).extracting(r -> r.getAttribute("data-sale-id")).containsExactly(again.saleId(), first.saleId());
        assertThat(rows.get(0).getText()).contains("scale-2", "#5 × 2", "4011", "Bananas", "€2.46", again.saleId());
        // the scale's void reason is shown as the text it is, never run as the page's HTML
        assertThat(rows.get(1).findElements(By.tagName("td")).get(6).getText()).isEqualTo(html);
        assertThat(browser.findElements(By.cssSelector("#sale-numbers img"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__xss === undefined")).isEqualTo(Boolean.TRUE);
        assertThat(browser.findElement(By.id("sale-numbers-count")).getText()).isEqualTo("1 number, 2 sales");
        shot("console-sale-numbers");
    }

    /**
     * A scale that dates its labels in another zone than the one its store's business day is counted in (the chain's,
     * Europe/Berlin here: the store has none) is flagged in the Scales tab, with the reason spelled out under the table.
     */
    @Test
    @Order(9)
    void aScaleWhoseLabelsAreDatedInAnotherZoneThanItsStoresDayIsFlagged() throws Exception {
        try (com.freshscale.server.EnrolledScale scale = new com.freshscale.server.EnrolledScale(server, DemoPriceBook.STORE_ID, "scale-3")) {
            scale.status(new com.freshscale.protocol.status.ScaleStatus(com.freshscale.protocol.status.ScaleStatus.SCHEMA,
                    DemoPriceBook.STORE_ID, "scale-3", com.freshscale.protocol.status.ScaleStatus.State.ONLINE, java.time.Instant.now(),
                    "1.0", null, 1, null, 0, false, "ok", null, "America/New_York"));
            browser.get(url("/console/?store=demo-store&tab=fleet"));
            WebElement cell = waitFor(d -> {
                List<WebElement> e = d.findElements(By.cssSelector("#scales tr[data-scale='scale-3'] td.zone-warning"));
                return e.isEmpty() ? null : e.get(0);
            });
            assertThat(cell.getText()).isEqualTo("America/New_York ⚠ store's day is Europe/Berlin");
            assertThat(cell.getAttribute("title")).startsWith("the scale dates its labels in America/New_York, but HQ counts store "
                    + "demo-store's business day in Europe/Berlin (the chain's zone: the store has none of its own)");
            WebElement list = browser.findElement(By.id("zone-warnings"));
            assertThat(list.isDisplayed()).isTrue();
            assertThat(list.findElements(By.tagName("li"))).extracting(WebElement::getText)
                    .containsExactly("⚠ scale-3: " + cell.getAttribute("title"));
            // the scales that reported no zone are not flagged
            assertThat(browser.findElements(By.cssSelector("#scales td.zone-warning"))).hasSize(1);
            shot("console-scale-zone");
        }
    }

    /**
     * The Tills tab starts from the store's business day as the server counts it, not the browser's date: a store in a
     * zone on another date than the browser's (UTC+14 or UTC-11, whichever differs) shows its own last seven days, and
     * switching to a store of the chain's zone (Europe/Berlin) takes that store's days.
     */
    @Test
    @Order(10)
    void theTillsTabStartsFromTheStoresBusinessDayNotTheBrowsersDate() {
        String browserDay = (String) ((JavascriptExecutor) browser).executeScript("const d = new Date(); return d.getFullYear() + '-'"
                + " + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');");
        // 25 hours apart, so at least one of them is on another date than the browser
        java.time.ZoneId zone = java.time.ZoneId.of(java.time.LocalDate.now(java.time.ZoneId.of("Pacific/Kiritimati")).toString()
                .equals(browserDay) ? "Pacific/Pago_Pago" : "Pacific/Kiritimati");
        server.prices().putStore("far-store", "Far store", "EUR", zone.getId());
        server.ingest().storesChanged(); // as PUT /api/stores/{store} does: the zones are read again
        browser.get(url("/console/?store=far-store&tab=tills"));
        String to = waitFor(d -> d.findElement(By.id("till-to")).getAttribute("value").isEmpty() ? null
                : d.findElement(By.id("till-to")).getAttribute("value"));
        java.time.LocalDate today = java.time.LocalDate.now(zone);
        assertThat(to).isIn(today.toString(), today.minusDays(1).toString()).isNotEqualTo(browserDay);
        assertThat(browser.findElement(By.id("till-from")).getAttribute("value"))
                .isEqualTo(java.time.LocalDate.parse(to).minusDays(6).toString());
        // another store: its own business day (the chain's zone), the fields untouched since
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("store"))).selectByValue(DemoPriceBook.STORE_ID);
        java.time.LocalDate berlin = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin"));
        waitFor(d -> {
            String v = d.findElement(By.id("till-to")).getAttribute("value");
            return v.equals(berlin.toString()) || v.equals(berlin.minusDays(1).toString()) ? true : null;
        });
        shot("console-tills-business-day");
    }

    long chartPoints(String id) {
        Object n = ((JavascriptExecutor) browser).executeScript(
                "const c = window.Chart && Chart.getChart(arguments[0]); return c ? c.data.datasets[0].data.length : 0;", id);
        return ((Number) n).longValue();
    }

    /** The canvas has coloured pixels: Chart.js drew on it (not just an empty box). */
    boolean painted(String id) {
        Object b = ((JavascriptExecutor) browser).executeScript("const c = document.getElementById(arguments[0]);"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && !(d[i] > 240 && d[i + 1] > 240 && d[i + 2] > 240)) n++;"
                + "return n > 500;", id);
        return Boolean.TRUE.equals(b);
    }

    /** Ticks the confirmation box (the draft panel redraws as the server answers: find it afresh until it is ticked). */
    void tick(String css) {
        waitFor(d -> {
            try {
                WebElement box = d.findElement(By.cssSelector(css));
                if (!box.isSelected()) box.click();
                return d.findElement(By.id("publish-changes")).isEnabled() ? true : null;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return null;
            }
        });
    }

    void type(WebElement form, String name, String text) {
        WebElement e = form.findElement(By.name(name));
        e.clear();
        e.sendKeys(text);
    }

    /** The element is the topmost at its centre: a click there reaches it (nothing floats over it). */
    void assertNotCovered(WebElement e) {
        Object top = ((JavascriptExecutor) browser).executeScript("const r = arguments[0].getBoundingClientRect();"
                + "arguments[0].scrollIntoView({block: 'center'});"
                + "const q = arguments[0].getBoundingClientRect();"
                + "const t = document.elementFromPoint(q.left + q.width / 2, q.top + q.height / 2);"
                + "return t === arguments[0] || arguments[0].contains(t);", e);
        assertThat(top).as("nothing covers " + e.getTagName() + "." + e.getAttribute("class")).isEqualTo(Boolean.TRUE);
    }

    void shot(String name) {
        try {
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(name + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            System.err.println("screenshot " + name + " failed: " + e);
        }
    }

    /**
     * A scheduled price that has started is the price the table shows and edits; a new price replaces it at the scales,
     * and back to the item's own price the started one is deleted (the probe: 3.70 from a schedule, 2.60 entered, the
     * scale still at 3.70).
     */
    @Test
    @Order(9)
    void theTableShowsAndEditsThePriceInForceAfterAScheduledPriceStarted() {
        String store = DemoPriceBook.STORE_ID;
        server.prices().addScheduledPrice(store, new com.freshscale.protocol.pricebook.ScheduledPrice("4020", 370,
                java.time.Instant.now().minusSeconds(20)));
        browser.get(url("/console/?store=demo-store&tab=prices"));
        waitFor(d -> "3.70".equals(row("4020").findElement(By.cssSelector("input.price")).getAttribute("value")) ? true : null);
        setPrice("4020", "2.60");
        waitFor(d -> d.findElement(By.id("draft-list")).getText().contains("price: €3.70 → €2.60") ? true : null);
        publishAndWait();
        assertThat(server.prices().item(store, "4020").priceInForceMinor()).isEqualTo(260);
        assertThat(server.prices().scheduledPrices(store)).noneMatch(s -> s.change().pluCode().equals("4020"));

        // 3.00 from a moment ago, then the item's own 2.60 entered again: the started scheduled price is deleted
        server.prices().addScheduledPrice(store, new com.freshscale.protocol.pricebook.ScheduledPrice("4020", 300,
                java.time.Instant.now().minusSeconds(10)));
        browser.get(url("/console/?store=demo-store&tab=prices"));
        waitFor(d -> "3.00".equals(row("4020").findElement(By.cssSelector("input.price")).getAttribute("value")) ? true : null);
        setPrice("4020", "2.60");
        waitFor(d -> d.findElement(By.id("draft-list")).getText().contains("€3.00 removed") ? true : null);
        publishAndWait();
        assertThat(server.prices().item(store, "4020").priceInForceMinor()).isEqualTo(260);
        assertThat(server.prices().scheduledPrices(store)).noneMatch(s -> s.change().pluCode().equals("4020"));
    }
}
