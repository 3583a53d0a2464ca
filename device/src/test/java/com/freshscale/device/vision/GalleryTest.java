package com.freshscale.device.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.recognition.LearningRule;
import com.freshscale.recognition.Ranking;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GalleryTest {
    @TempDir
    Path tmp;

    private final Random rnd = new Random(5);

    private float[] vec() {
        float[] v = new float[8];
        for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
        return Ranking.l2Normalised(v);
    }

    private Gallery open(DeviceDatabase db, String model, int max, int perPlu) {
        return Gallery.open(db, model, 8, max, perPlu, jpeg -> {
            throw new AssertionError("no re-embedding expected");
        });
    }

    @Test
    void examplesSurviveARestartAndAreFoundAgain() {
        DeviceDatabase db = DeviceDatabase.open(tmp.resolve("scale.db"));
        float[] a = vec();
        Gallery g = open(db, "m1", 100, 10);
        long id = g.add("4011", Gallery.Source.SALE, a, new byte[] {1, 2});
        g.add("4030", Gallery.Source.TAUGHT, vec(), new byte[] {3});
        Gallery again = open(DeviceDatabase.open(tmp.resolve("scale.db")), "m1", 100, 10);
        assertThat(again.size()).isEqualTo(2);
        var n = again.nearest(a, 1).get(0);
        assertThat(n.id()).isEqualTo(id);
        assertThat(n.key()).isEqualTo("4011");
        assertThat(n.similarity()).isGreaterThan(0.999f);
    }

    @Test
    void perPluBoundDropsOldestSalesBeforeTaughtExamples() {
        DeviceDatabase db = DeviceDatabase.open(tmp.resolve("scale.db"));
        Gallery g = open(db, "m1", 100, 3);
        float[] taught = vec();
        g.add("9001", Gallery.Source.TAUGHT, taught, new byte[0]);
        float[] firstSale = vec();
        g.add("9001", Gallery.Source.SALE, firstSale, new byte[0]);
        g.add("9001", Gallery.Source.SALE, vec(), new byte[0]);
        g.add("9001", Gallery.Source.SALE, vec(), new byte[0]);
        assertThat(g.count("9001")).isEqualTo(3);
        assertThat(g.nearest(taught, 1).get(0).similarity()).isGreaterThan(0.999f);   // taught kept
        assertThat(g.nearest(firstSale, 1).get(0).similarity()).isLessThan(0.999f);   // oldest sale gone
    }

    @Test
    void totalBoundTrimsTheFullestPluSoRareItemsKeepTheirExamples() {
        DeviceDatabase db = DeviceDatabase.open(tmp.resolve("scale.db"));
        Gallery g = open(db, "m1", 6, 6);
        for (int i = 0; i < 5; i++) g.add("4011", Gallery.Source.SALE, vec(), new byte[0]);
        g.add("4030", Gallery.Source.SALE, vec(), new byte[0]);
        g.add("4050", Gallery.Source.SALE, vec(), new byte[0]);
        assertThat(g.size()).isEqualTo(6);
        assertThat(g.count("4011")).isEqualTo(4);
        assertThat(g.count("4030")).isEqualTo(1);
        assertThat(g.count("4050")).isEqualTo(1);
        // the bound also holds in the database after a restart
        assertThat(open(DeviceDatabase.open(tmp.resolve("scale.db")), "m1", 6, 6).size()).isEqualTo(6);
    }

    @Test
    void aNewModelReEmbedsTheStoredThumbnails() {
        DeviceDatabase db = DeviceDatabase.open(tmp.resolve("scale.db"));
        open(db, "m1", 100, 10).add("9001", Gallery.Source.TAUGHT, vec(), new byte[] {42});
        float[] fresh = vec();
        Gallery g = Gallery.open(db, "m2", 8, 100, 10, jpeg -> {
            assertThat(jpeg).containsExactly(42);
            return fresh;
        });
        assertThat(g.nearest(fresh, 1).get(0).similarity()).isGreaterThan(0.999f);
        assertThat(g.nearest(fresh, 1).get(0).key()).isEqualTo("9001");
    }

    @Test
    void anEmbeddingOfTheWrongSizeIsRefusedAndStoresNothing() {
        DeviceDatabase db = DeviceDatabase.open(tmp.resolve("scale.db"));
        Gallery g = open(db, "m1", 100, 10);
        assertThatThrownBy(() -> g.addAll(List.of(new Gallery.Example("4011", Gallery.Source.SALE, vec(), null),
                new Gallery.Example("4011", Gallery.Source.SALE, new float[3], null))))
                .hasMessageContaining("expects 8");
        assertThat(g.size()).isZero();
        assertThat(g.count("4011")).isZero();
    }

    /** {@code base} moved a little: cosine similarity about {@code 1 - spread²/2}. */
    private float[] near(float[] base, float spread) {
        float[] v = base.clone();
        float[] noise = vec();
        for (int i = 0; i < v.length; i++) v[i] += spread * noise[i];
        return Ranking.l2Normalised(v);
    }

    @Test
    void aPendingSaleIsStoredButNotSearchedUntilATrustedLookAlikeCorroboratesIt() {
        DeviceDatabase db = DeviceDatabase.open(tmp.resolve("scale.db"));
        Gallery g = open(db, "m1", 100, 10);
        float[] item = vec();
        assertThat(g.learn("4011", LearningRule.Decision.PENDING, item, new byte[] {1})).isEqualTo(LearningRule.Decision.PENDING);
        assertThat(g.size()).isZero();
        assertThat(g.pendingSize()).isEqualTo(1);
        assertThat(g.count("4011")).isEqualTo(1); // stored
        // a trusted sale of another PLU, or of this PLU that does not look like it, corroborates nothing
        g.learn("4030", LearningRule.Decision.LEARN, near(item, 0.1f), new byte[0]);
        g.learn("4011", LearningRule.Decision.LEARN, vec(), new byte[0]);
        assertThat(g.pendingSize()).isEqualTo(1);
        // one that looks like it does
        g.learn("4011", LearningRule.Decision.LEARN, near(item, 0.3f), new byte[0]);
        assertThat(g.pendingSize()).isZero();
        assertThat(g.nearest(item, 1).get(0).similarity()).isGreaterThan(0.999f);
        // and the promotion is stored: a restarted scale searches it too
        Gallery again = open(DeviceDatabase.open(tmp.resolve("scale.db")), "m1", 100, 10);
        assertThat(again.pendingSize()).isZero();
        assertThat(again.size()).isEqualTo(4);
    }

    @Test
    void anIgnoredSaleIsNotStoredAndTheSameItemAgainIsOneExample() {
        DeviceDatabase db = DeviceDatabase.open(tmp.resolve("scale.db"));
        Gallery g = open(db, "m1", 100, 10);
        float[] item = vec();
        g.learn("4011", LearningRule.Decision.IGNORE, item, new byte[0]);
        assertThat(g.count("4011")).isZero();
        assertThat(g.learn("4011", LearningRule.Decision.LEARN, item, new byte[0])).isEqualTo(LearningRule.Decision.LEARN);
        assertThat(g.learn("4011", LearningRule.Decision.LEARN, near(item, 0.01f), new byte[0])).isEqualTo(LearningRule.Decision.IGNORE);
        assertThat(g.count("4011")).isEqualTo(1);
        // the same picture under another PLU is not a duplicate of this one
        assertThat(g.learn("4030", LearningRule.Decision.LEARN, item, new byte[0])).isEqualTo(LearningRule.Decision.LEARN);
    }

    @Test
    void staffTeachingCorroboratesPendingSalesAndVotesDouble() {
        DeviceDatabase db = DeviceDatabase.open(tmp.resolve("scale.db"));
        Gallery g = open(db, "m1", 100, 10);
        float[] item = vec();
        g.learn("4011", LearningRule.Decision.PENDING, near(item, 0.2f), new byte[0]);
        g.learn("4011", LearningRule.Decision.PENDING, near(item, 0.2f), new byte[0]);
        g.add("4011", Gallery.Source.TAUGHT, item, new byte[0]);
        assertThat(g.pendingSize()).isZero();
        assertThat(g.size()).isEqualTo(3);
        var found = g.nearest(item, 3);
        long taught = found.stream().filter(n -> n.similarity() > 0.999f).count();
        assertThat(taught).isEqualTo(1);
        for (var n : found) {
            assertThat(g.weight(n)).isEqualTo(n.similarity() > 0.999f ? LearningRule.TAUGHT_WEIGHT : 1.0);
        }
        // restarted: the taught example still weighs double
        Gallery again = open(DeviceDatabase.open(tmp.resolve("scale.db")), "m1", 100, 10);
        assertThat(again.weight(again.nearest(item, 1).get(0))).isEqualTo(LearningRule.TAUGHT_WEIGHT);
    }

    @Test
    void pendingExamplesAreTheFirstToGoOverThePerPluBound() {
        DeviceDatabase db = DeviceDatabase.open(tmp.resolve("scale.db"));
        Gallery g = open(db, "m1", 100, 2);
        float[] sale = vec();
        g.learn("4011", LearningRule.Decision.LEARN, sale, new byte[0]);
        g.learn("4011", LearningRule.Decision.PENDING, vec(), new byte[0]);
        g.learn("4011", LearningRule.Decision.PENDING, vec(), new byte[0]);
        assertThat(g.count("4011")).isEqualTo(2);
        assertThat(g.size()).isEqualTo(1);
        assertThat(g.pendingSize()).isEqualTo(1);
    }
}
