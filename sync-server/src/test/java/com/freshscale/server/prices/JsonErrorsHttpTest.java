package com.freshscale.server.prices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request body the JSON reader refuses is a 400 that names the body in the API's words, the field as the JSON names it
 * and what it takes, never a Java class or type (the probe: {@code bad ChangeSet JSON: … com.freshscale.server.prices.ChangeSet}).
 * A real server over HTTP.
 */
class JsonErrorsHttpTest extends PriceHttpTestBase {
    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        startServer(dir, "json-errors");
        assertThat(send("PUT", "/api/stores/s1/plus/4011", PriceRulesHttpTest.bananas("Bananas", 229)).statusCode()).isEqualTo(200);
    }

    /** The refusal of {@code body} sent to {@code path}, checked to name no Java type. */
    private String refused(String method, String path, String body) throws Exception {
        String m = error(send(method, path, body));
        assertThat(m).doesNotContain("com.freshscale", "java.", "`", "bad ChangeSet", "bad ScheduledPrice", "bad Plu", "Source:", "Feature");
        return m;
    }

    @Test
    void anUnknownFieldIsNamedWithTheFieldsThereAre() throws Exception {
        assertThat(refused("POST", "/api/stores/s1/changes", changes("\"putPlu\":[]")))
                .isEqualTo("bad change set JSON: unknown field 'putPlu' (the fields are addScheduledPrices, confirmPriceChanges, "
                        + "createPlus, deletePlus, deletePromotions, deleteScheduledPrices, putPlus, putPromotions)");
        assertThat(refused("POST", "/api/stores/s1/changes", changes("\"createPlus\":[" + PriceRulesHttpTest.bananas("Bananas", 229)
                .replace("\"active\":true", "\"active\":true,\"colour\":\"yellow\"") + "]")))
                .startsWith("bad change set JSON: unknown field 'colour' in createPlus[0] (the fields are active, barcodeLayout, code,");
    }

    @Test
    void aValueOfTheWrongKindNamesTheFieldAndWhatItTakes() throws Exception {
        assertThat(refused("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + PriceRulesHttpTest.bananas("Bananas", 229)
                .replace("\"unitPriceMinor\":229", "\"unitPriceMinor\":\"2.29\"") + "]")))
                .isEqualTo("bad change set JSON: putPlus[0].unitPriceMinor must be a whole number");
        assertThat(refused("PUT", "/api/stores/s1/plus/4011", PriceRulesHttpTest.bananas("Bananas", 229).replace("PER_KG", "PER_LB")))
                .isEqualTo("bad PLU JSON: saleType must be one of PER_KG, PER_PIECE, FIXED, not \"PER_LB\"");
        assertThat(refused("POST", "/api/stores/s1/scheduled-prices", "{\"pluCode\":\"4011\",\"unitPriceMinor\":219,\"effectiveFrom\":\"tomorrow\"}"))
                .isEqualTo("bad scheduled price JSON: effectiveFrom must be a time in ISO 8601 UTC, e.g. 2030-01-01T06:00:00Z, not \"tomorrow\"");
        assertThat(refused("POST", "/api/stores/s1/changes", changes("\"deletePlus\":\"4011\"").replace("\"deletePlus\":[],", "")))
                .isEqualTo("bad change set JSON: deletePlus must be a list [...]");
        assertThat(refused("POST", "/api/stores/s1/plus", PriceRulesHttpTest.bananas("Bananas", 229)))
                .isEqualTo("bad list of PLUs JSON: the body must be a list [...]");
        assertThat(refused("PUT", "/api/stores/s1/plus/4011", PriceRulesHttpTest.bananas("Bananas", 229).replace("\"presetTareMg\":0", "\"presetTareMg\":null")))
                .isEqualTo("bad PLU JSON: presetTareMg must be a whole number, not null");
    }

    @Test
    void aMissingFieldAndBrokenJsonAreSaidPlainly() throws Exception {
        assertThat(refused("POST", "/api/stores/s1/scheduled-prices", "{\"pluCode\":\"4011\",\"unitPriceMinor\":219}"))
                .isEqualTo("bad scheduled price JSON: 'effectiveFrom' is required");
        assertThat(refused("POST", "/api/stores/s1/changes", "{\"putPlus\":["))
                .isEqualTo("bad change set JSON: Unexpected end-of-input: expected close marker for Array (line 1, column 13)");
        assertThat(refused("POST", "/api/stores/s1/changes", changes("\"createPlus\":[]") + "{}"))
                .isEqualTo("bad change set JSON: more after the change set ends (line 1, column 139)");
        // a record's own check keeps its message, with where it is
        assertThat(refused("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + PriceRulesHttpTest.bananas("Bananas", 229)
                .replace("\"modelLabels\":[\"Banana\"]", "\"modelLabels\":[null]") + "]")))
                .isEqualTo("bad change set: putPlus[0]: PLU 4011: a model label is null");
    }
}
