package com.freshscale.device.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.device.store.DeviceDatabase;
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
}
