package dev.runbook.values;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Sizes are written one way (IEC, powers of 1024, as du -h counts) and every written size reads back as about itself. */
class SizesTest {

    @Test
    void sizesAreWrittenInPowersOf1024WithIecLabels() {
        assertThat(Sizes.human(0)).isEqualTo("0 B");
        assertThat(Sizes.human(1023)).isEqualTo("1023 B");
        assertThat(Sizes.human(1024)).isEqualTo("1.0 KiB");
        assertThat(Sizes.human(1536)).isEqualTo("1.5 KiB");
        assertThat(Sizes.human(844_000)).isEqualTo("824 KiB");
        assertThat(Sizes.human(500L << 20)).isEqualTo("500 MiB");
        assertThat(Sizes.human(10L << 30)).isEqualTo("10 GiB");
        assertThat(Sizes.human(16L << 40)).isEqualTo("16 TiB");
        assertThat(Sizes.human(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    }

    @Test
    void aValueThatRoundsToTheNextUnitIsWrittenInIt() {
        assertThat(Sizes.human((1L << 20) - 1)).isEqualTo("1.0 MiB");
        assertThat(Sizes.human(10 * 1024 - 30)).isEqualTo("10 KiB");
        assertThat(Sizes.human(1_047_552)).isEqualTo("1023 KiB");
    }

    @Test
    void whatIsWrittenReadsBackWithinItsRounding() {
        for (long bytes : new long[] {1, 999, 1024, 1536, 99_999, 844_000, 12_345_678, 5L << 30, 3L << 40}) {
            String written = Sizes.human(bytes);
            long read = Sizes.parse(written.replace(" ", "")).orElseThrow();
            assertThat((double) Math.abs(read - bytes)).as(written).isLessThanOrEqualTo(bytes * 0.05);
        }
    }
}
