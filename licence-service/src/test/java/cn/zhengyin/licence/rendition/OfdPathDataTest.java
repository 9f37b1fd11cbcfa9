package cn.zhengyin.licence.rendition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ofdrw.core.graph.pathObj.AbbreviatedData;

/** The OFD renderer's path text is exactly the text ofdrw's {@link AbbreviatedData} writes for the same operators. */
class OfdPathDataTest {

    @Test
    void writesWhatOfdrwWritesForEveryKindOfNumber() {
        double[] numbers = {
            0,
            1,
            -1,
            12,
            297,
            0.5,
            -0.5,
            0.001,
            -0.001,
            0.0004,
            0.12345678,
            0.000000001,
            1.0005,
            12.3456,
            123.4565,
            -12.25,
            210.0000001,
            1e9,
            0.999999999,
            59.999,
            33.3333333,
            0.1 + 0.2,
            1.1 * 3
        };
        AbbreviatedData ofdrw = new AbbreviatedData();
        OfdPathData ours = new OfdPathData();
        for (int i = 0; i + 6 <= numbers.length; i++) {
            ofdrw.M(numbers[i], numbers[i + 1])
                    .L(numbers[i + 2], numbers[i + 3])
                    .B(numbers[i], numbers[i + 1], numbers[i + 2], numbers[i + 3], numbers[i + 4], numbers[i + 5])
                    .C();
            ours.M(numbers[i], numbers[i + 1])
                    .L(numbers[i + 2], numbers[i + 3])
                    .B(numbers[i], numbers[i + 1], numbers[i + 2], numbers[i + 3], numbers[i + 4], numbers[i + 5])
                    .C();
        }
        assertThat(ours.toString())
                .isEqualTo(ofdrw.toString())
                .startsWith("M 0 1 L -1 12 B 0 1 -1 12 297 0.500 C M 1 -1 ");
    }

    @Test
    void writesWhatOfdrwWritesForRandomCoordinatesTwice() {
        SplittableRandom random = new SplittableRandom(18);
        for (int round = 0; round < 2; round++) { // the second round reads the remembered numbers
            AbbreviatedData ofdrw = new AbbreviatedData();
            OfdPathData ours = new OfdPathData();
            SplittableRandom r = random.split();
            for (int i = 0; i < 500; i++) {
                double x = r.nextDouble(-5, 300);
                double y = Math.round(r.nextDouble(0, 300) * 1000) / 1000.0;
                ofdrw.M(x, y).L(y, x);
                ours.M(x, y).L(y, x);
            }
            assertThat(ours.toString()).isEqualTo(ofdrw.toString());
        }
    }

    @Test
    void anEmptyPathIsEmptyText() {
        assertThat(new OfdPathData().toString()).isEqualTo(new AbbreviatedData().toString());
    }
}
