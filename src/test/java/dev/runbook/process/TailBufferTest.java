package dev.runbook.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TailBufferTest {

    @Test
    void keepsExactlyTheLastBytesWhateverTheChunkSizes() {
        Random random = new Random(7);
        for (int capacity : new int[] {1, 5, 1024, 3000, 65536}) {
            TailBuffer tail = new TailBuffer(capacity);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < 300; i++) {
                byte[] chunk = new byte[random.nextInt(i % 50 == 0 ? 3 * capacity + 1 : 700)];
                for (int j = 0; j < chunk.length; j++) {
                    chunk[j] = (byte) ('a' + random.nextInt(26));
                }
                int offset = chunk.length > 2 ? random.nextInt(2) : 0;
                tail.add(chunk, offset, chunk.length - offset);
                all.write(chunk, offset, chunk.length - offset);
                byte[] bytes = all.toByteArray();
                String expected = new String(Arrays.copyOfRange(bytes, Math.max(0, bytes.length - capacity),
                        bytes.length), StandardCharsets.US_ASCII);
                assertThat(tail.text()).as("capacity %d after chunk %d", capacity, i).isEqualTo(expected);
                assertThat(tail.total()).isEqualTo(bytes.length);
            }
        }
    }

    @Test
    void aCharacterSplitByTheCutIsDroppedNotShownAsGarbage() {
        TailBuffer tail = new TailBuffer(5);
        byte[] text = "a\u00e9\u00e9\u00e9".getBytes(StandardCharsets.UTF_8); // 61 C3A9 C3A9 C3A9: 7 bytes

        tail.add(text, 0, text.length);

        assertThat(tail.text()).isEqualTo("\u00e9\u00e9"); // kept A9 C3A9 C3A9: the lone A9 is dropped
        assertThat(TailBuffer.decode(new byte[] {(byte) 0xA9, 'x'}, false)).isEqualTo("\uFFFDx");
    }
}
