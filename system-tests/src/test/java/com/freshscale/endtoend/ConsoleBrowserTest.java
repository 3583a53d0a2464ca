package com.freshscale.endtoend;

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
 * beside (never over) the table, the price history.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");
    static final String USER = "anna";
    static final String PASSWORD = "console-browser-pw";

    ServerApp server;
    WebDriver browser;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        boolean present = Files.isExecutable(KioskBrowserTest.CHROMIUM) && Files.isExecutable(KioskBrowserTest.CHROMEDRIVER);
        if (System.getenv("CI") == null) Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
        server = ServerApp.start(new ServerApp.Options(tmp.resolve("server"), null, "127.0.0.1", DemoStack.freePort(), null, "127.0.0.1", 0,
                null, "console-browser", DemoStack.BUSINESS_ZONE));
        server.accounts().add(new Account(USER, Role.HQ, java.util.Set.of()), PASSWORD.toCharArray());
        server.prices().putStore(DemoPriceBook.STORE_ID, "Demo store", "EUR", null);
        server.prices().putPlus(DemoPriceBook.STORE_ID, DemoPriceBook.load().plus());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(KioskBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + tmp.resolve("chromium-profile"), "--window-size=1280,900", "--lang=en-US");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(KioskBrowserTest.CHROMEDRIVER.toFile()).build(), options);
        browser.get(url("/console/?store=demo-store&tab=prices"));
        waitFor(d -> d.findElements(By.id("user")).isEmpty() ? null : true);
        browser.findElement(By.id("user")).sendKeys(USER);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        waitFor(d -> d.findElements(By.cssSelector("#plus tr[data-plu='4011']")).isEmpty() ? null : true);
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
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition);
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
        waitFor(d -> d.findElement(By.id("draft")).isDisplayed() ? null : true);
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
        confirm.findElement(By.tagName("input")).click();
        waitFor(d -> d.findElement(By.id("publish-changes")).isEnabled() ? true : null);
        publishAndWait();
        assertThat(server.prices().plu(DemoPriceBook.STORE_ID, "4011").unitPriceMinor()).isEqualTo(10);
        // and back, confirmed again: a confirmation is for one old → new only
        setPrice("4011", "1.99");
        waitFor(d -> d.findElements(By.cssSelector("#draft-confirm label.confirm")).isEmpty() ? null : true);
        browser.findElement(By.cssSelector("#draft-confirm label.confirm input")).click();
        waitFor(d -> d.findElement(By.id("publish-changes")).isEnabled() ? true : null);
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
                "name (de): Äpfel Royal Gala → Äpfel Royal Gala aus Italien", "price: €2.65 → €3.19", "tare (mg): 0 g → 15 g", "shelf life (days): 14 → 21", "origin: — → IT", "class: — → I",
                "variety: — → Gala", "recognition labels: Royal-Gala → Royal-Gala, Gala");
        assertNotCovered(row("4173").findElement(By.cssSelector("button.edit")));
        shot("console-item-edit-draft");
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
}
