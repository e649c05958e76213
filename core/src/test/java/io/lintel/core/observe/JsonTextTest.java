package io.lintel.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The hand-written JSON strings parse back to what was written, whatever characters they hold. */
class JsonTextTest {

    @Test
    void everyCharacterSurvivesARoundTrip() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            all.append(c);
        }
        all.append("\ud83d\ude00").append('\ud800').append("end");
        StringBuilder json = new StringBuilder();
        JsonText.string(json, all.toString());

        assertThat(new ObjectMapper().readValue(json.toString(), String.class)).isEqualTo(all.toString());
        assertThat(json.toString()).doesNotContain("\n").doesNotContain("\u007f").doesNotContain("\ud800");
    }

    @Test
    void millisecondsHaveThreeDecimals() {
        StringBuilder out = new StringBuilder();
        JsonText.millis(out, 1_002_345);
        out.append(' ');
        JsonText.millis(out, 12_345_678_999L);
        assertThat(out.toString()).isEqualTo("1.002 12345.678");
    }
}
