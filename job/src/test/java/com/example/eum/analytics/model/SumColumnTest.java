package com.example.eum.analytics.model;

import com.example.eum.analytics.schema.Column;
import com.example.eum.analytics.schema.ColumnType;
import com.example.eum.analytics.schema.TableSchema;
import com.example.eum.analytics.schema.Tables;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A summed column defined once is a column of every metrics table, typed, documented, and filled from the row. */
class SumColumnTest {
    @Test
    void everySumColumnIsAColumnOfEveryMetricsTableWithItsTypeAndDoc() {
        for (TableSchema<WindowMetrics> table : List.of(Tables.METRICS_BY_COUNTRY, Tables.METRICS_BY_ORIGINATION)) {
            Map<String, Column<WindowMetrics>> columns = table.columns().stream()
                    .collect(Collectors.toMap(Column::name, Function.identity()));
            for (SumColumn c : SumColumn.values()) {
                Column<WindowMetrics> col = columns.get(c.columnName());
                assertThat(col).as(table.name() + "." + c.columnName()).isNotNull();
                assertThat(col.type()).isEqualTo(c.isMoney() ? ColumnType.USD : ColumnType.BIGINT);
                assertThat(col.description()).isEqualTo(c.doc());
                WindowMetrics row = new WindowMetrics();
                row.set(c, 11);
                assertThat(col.valueOf(row)).isEqualTo(11L);
            }
        }
    }

    @Test
    void namesAreUniqueAndMoneyIsUsd() {
        assertThat(Arrays.stream(SumColumn.values()).map(SumColumn::columnName).distinct().count()).isEqualTo(SumColumn.COUNT);
        assertThat(SumColumn.PRICE_MICROS.columnName()).isEqualTo("price_usd");
        assertThat(SumColumn.PRICE_MICROS.isMoney()).isTrue();
        assertThat(SumColumn.MESSAGES.isMoney()).isFalse();
        for (SumColumn c : SumColumn.values()) {
            assertThat(SumColumn.byColumnName(c.columnName())).isEqualTo(c);
        }
    }

    @Test
    void aFailureCountsInFailedAndInItsClassColumn() {
        for (FailureClass fc : FailureClass.values()) {
            MessageDelta d = new MessageDelta();
            d.addFailure(fc, 1);
            assertThat(d.get(SumColumn.FAILED)).isEqualTo(1);
            assertThat(d.get(SumColumn.failedColumn(fc))).isEqualTo(1);
            assertThat(SumColumn.failedColumn(fc).columnName()).isEqualTo("failed_" + fc.name().toLowerCase(Locale.ROOT));
        }
        assertThat(SumColumn.failedColumn(null)).isEqualTo(SumColumn.FAILED_UNKNOWN);
    }
}
