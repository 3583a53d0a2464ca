package com.freshscale.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.protocol.Topics;
import com.freshscale.protocol.barcode.BarcodeLayout;
import com.freshscale.protocol.barcode.BarcodeLayouts;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.protocol.sales.SalesBatch;
import com.freshscale.server.app.ServerApp;
import com.freshscale.server.auth.Account;
import com.freshscale.server.auth.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sale whose barcode a till would not charge its total for is quarantined as {@code WRONG_BARCODE} and never counted:
 * a wrong GS1 check digit (any layout), and for a PLU of a standard price layout a barcode that does not read back as
 * that PLU with the total charged (the price field, the price verifier, the fixed prefix). Sales whose barcode the
 * scale printed are stored and counted. An enrolled scale over the real embedded broker; the console's HTTP API.
 */
class BarcodeIngestTest {
    static final ObjectMapper JSON = new ObjectMapper();
    // just before the book is published: within the clock skew a scale may have (TillCheck.FUTURE)
    static final Instant AT = Instant.now();

    @TempDir
    Path dir;

    static Plu plu(String code, String name, SaleType type, long price, String layout) {
        return new Plu(code, Map.of("en", name), type, price, "EUR", 0, 5, layout, "default", List.of(), true);
    }

    static String encode(BarcodeLayout layout, String plu, long value) throws Exception {
        return layout.encode(plu, value);
    }

    /** A sale of {@code plu} as a scale reports it, with the barcode given. */
    static Sale sale(long number, String plu, SaleType type, long netMg, int count, long unit, long total, String barcode, long version) {
        return new Sale(Sale.newId(), "s1", "a", number, plu, type, netMg, count, unit, null, total, "EUR", barcode, AT.plusSeconds(number),
                version, null, null, false, 1, false);
    }

    @Test
    void aBarcodeThatDoesNotCarryTheSaleIsQuarantinedAndNotCounted() throws Exception {
        try (ServerApp server = com.freshscale.server.LocalServer.start(dir, "barcode-ingest-test")) {
            server.accounts().add(new Account("hq", Role.HQ, Set.of()), "barcode-ingest-pw".toCharArray());
            server.prices().putStore("s1", "Market Street", "EUR", null);
            server.prices().putPlus("s1", List.of(
                    plu("4011", "Bananas", SaleType.PER_KG, 199, "ean13-price"),                 // 21 IIIII PPPPP C
                    plu("4016", "Apples", SaleType.PER_KG, 259, "ean13-price"),
                    plu("4225", "Avocados", SaleType.PER_PIECE, 129, "ean13-price-verifier"),   // 23 IIII V PPPPP C
                    plu("4072", "Potatoes", SaleType.PER_KG, 149, "ean13-weight"),              // 28 IIIII WWWWW C
                    plu("4080", "Asparagus", SaleType.PER_KG, 1199, "store-own")), List.of(), "(test)"); // a scale's own layout
            await().atMost(Duration.ofSeconds(30)).until(() -> server.publisher().latest("s1") != null && server.publisher().idle());
            long v = server.publisher().latest("s1").version();

            Map<String, Sale> good = new LinkedHashMap<>();
            good.put("price layout", sale(1, "4011", SaleType.PER_KG, 1_234_000, 0, 199, 246,
                    encode(BarcodeLayouts.EAN13_PRICE, "4011", 246), v));
            good.put("price layout, apples at 2.59", sale(2, "4016", SaleType.PER_KG, 1_000_000, 0, 259, 259, "2104016002596", v));
            good.put("verifier layout", sale(3, "4225", SaleType.PER_PIECE, 0, 3, 129, 387,
                    encode(BarcodeLayouts.EAN13_PRICE_VERIFIER, "4225", 387), v));
            good.put("weight layout", sale(4, "4072", SaleType.PER_KG, 1_234_400, 0, 149, 184,
                    encode(BarcodeLayouts.EAN13_WEIGHT, "4072", 1234), v));
            good.put("a scale's own layout: its check digit", sale(5, "4080", SaleType.PER_KG, 500_000, 0, 1199, 600,
                    encode(new BarcodeLayout("own", "22 IIIII PPPPP C"), "4080", 600), v));
            good.put("paid at the scale: the PAID barcode", sale(6, "4016", SaleType.PER_KG, 1_000_000, 0, 259, 259,
                    encode(new BarcodeLayout("paid", "29 IIIII PPPPP C"), "4016", 0), v).paidAtScale("52500038/000117/000042"));

            Map<String, Sale> bad = new LinkedHashMap<>();
            // the probe's sale: the check digit is wrong (should be 4) and the price field says 0.00
            bad.put("wrong check digit", sale(11, "4016", SaleType.PER_KG, 1_000_000, 0, 259, 259, "2104016000000", v));
            bad.put("embedded price 0.00 for a total of 2.59", sale(12, "4016", SaleType.PER_KG, 1_000_000, 0, 259, 259, "2104016000004", v));
            bad.put("embedded price 2.58", sale(13, "4016", SaleType.PER_KG, 1_000_000, 0, 259, 259,
                    encode(BarcodeLayouts.EAN13_PRICE, "4016", 258), v));
            bad.put("another item's barcode", sale(14, "4016", SaleType.PER_KG, 1_000_000, 0, 259, 259,
                    encode(BarcodeLayouts.EAN13_PRICE, "4011", 259), v));
            bad.put("another prefix", sale(15, "4016", SaleType.PER_KG, 1_000_000, 0, 259, 259,
                    encode(new BarcodeLayout("x", "22 IIIII PPPPP C"), "4016", 259), v));
            String verifier = encode(BarcodeLayouts.EAN13_PRICE_VERIFIER, "4225", 387);         // 23 4225 V 00387 C
            String tampered = verifier.substring(0, 6) + ((verifier.charAt(6) - '0' + 1) % 10) + verifier.substring(7, 12);
            tampered += com.freshscale.protocol.barcode.Gs1CheckDigit.of(tampered);
            bad.put("wrong price verifier", sale(16, "4225", SaleType.PER_PIECE, 0, 3, 129, 387, tampered, v));
            bad.put("wrong weight", sale(17, "4072", SaleType.PER_KG, 1_234_400, 0, 149, 184,
                    encode(BarcodeLayouts.EAN13_WEIGHT, "4072", 234), v));
            String own = encode(new BarcodeLayout("own", "22 IIIII PPPPP C"), "4080", 600);
            bad.put("a scale's own layout, wrong check digit", sale(18, "4080", SaleType.PER_KG, 500_000, 0, 1199, 600,
                    own.substring(0, 12) + ((own.charAt(12) - '0' + 1) % 10), v));
            String paid = encode(new BarcodeLayout("paid", "29 IIIII PPPPP C"), "4016", 0);
            bad.put("paid, wrong check digit", sale(19, "4016", SaleType.PER_KG, 1_000_000, 0, 259, 259,
                    paid.substring(0, 12) + ((paid.charAt(12) - '0' + 1) % 10), v).paidAtScale("52500038/000117/000043"));

            Set<String> acked = ConcurrentHashMap.newKeySet();
            try (MqttLink a = new MqttLink(MqttLink.Options.defaults(server.embeddedBrokerUrl(), server.identities().issueScale("s1", "a")))) {
                a.subscribe(Topics.acks("s1", "a"), 1, (t, p, r) -> acked.addAll(MessageCodec.decodeAck(t, p).saleIds()));
                a.start();
                assertThat(a.awaitReady(Duration.ofSeconds(30))).isTrue();
                List<Sale> all = new ArrayList<>(good.values());
                all.addAll(bad.values());
                assertThat(a.publishAndWait(Topics.sales("s1", "a"), MessageCodec.encode(SalesBatch.of("s1", "a", all)), false,
                        Duration.ofSeconds(10))).isTrue();
                // quarantined sales are acknowledged too: the scale stops resending them
                await().atMost(Duration.ofSeconds(30)).until(() -> acked.containsAll(all.stream().map(Sale::saleId).toList()));
            }

            HttpClient http = HttpClient.newHttpClient();
            java.util.function.Function<String, JsonNode> get = path -> {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("hq:barcode-ingest-pw".getBytes(StandardCharsets.UTF_8)))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    return JSON.readTree(r.body());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            JsonNode quarantine = get.apply("/api/quarantine?store=s1");
            Map<String, JsonNode> bySale = new LinkedHashMap<>();
            quarantine.forEach(q -> bySale.put(q.get("saleId").asText(), q));
            for (Map.Entry<String, Sale> e : bad.entrySet()) {
                JsonNode q = bySale.get(e.getValue().saleId());
                assertThat(q).as(e.getKey() + " is quarantined").isNotNull();
                assertThat(q.get("reason").asText()).as(e.getKey()).isEqualTo("WRONG_BARCODE");
            }
            assertThat(bySale).as("only the bad ones").hasSize(bad.size());
            assertThat(bySale.get(bad.get("wrong check digit").saleId()).get("detail").asText())
                    .isEqualTo("barcode 2104016000000: the check digit is 0, not 4 (GS1 mod 10): no till reads it");
            assertThat(bySale.get(bad.get("embedded price 0.00 for a total of 2.59").saleId()).get("detail").asText())
                    .isEqualTo("barcode 2104016000004 carries the price 0 but the sale's total is 259: a till would charge 0");
            assertThat(bySale.get(bad.get("another item's barcode").saleId()).get("detail").asText()).contains("carries item 04011, not PLU 4016");
            assertThat(bySale.get(bad.get("wrong price verifier").saleId()).get("detail").asText()).contains("price verifier");
            assertThat(bySale.get(bad.get("another prefix").saleId()).get("detail").asText()).contains("fixed digit 1");

            // counted: the good sales only, in the count and in the revenue
            assertThat(get.apply("/api/sales/count?store=s1").get("count").asLong()).isEqualTo(good.size());
            long revenue = 0;
            for (JsonNode t : get.apply("/api/sales/totals?store=s1")) revenue += t.get("totalMinor").asLong();
            assertThat(revenue).isEqualTo(good.values().stream().mapToLong(Sale::totalMinor).sum());
            assertThat(server.ingest().stored()).isEqualTo(good.size());
        }
    }
}
