package io.lintel.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void padsColumnsToTheWidestCellAndShowsEmptyCellsAsNone() {
        StringWriter text = new StringWriter();

        new TextTable("NAMESPACE", "NAME", "ROUTES")
                .row("default", "gateway-with-a-long-name", "3")
                .row("shop", "", "12")
                .print(new PrintWriter(text));

        assertThat(text.toString().lines()).containsExactly(
                "NAMESPACE   NAME                       ROUTES",
                "default     gateway-with-a-long-name   3",
                "shop        <none>                     12");
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThatThrownBy(() -> new TextTable("A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row of 1 cells for 2 columns");
    }
}
