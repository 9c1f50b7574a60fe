package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.WindowMetrics;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The column list is complete: every count/money field of a delta is summed into the row field of the same name. */
class SumColumnTest {
    private static final Set<String> NOT_SUMMED_IN_DELTA = Set.of("attributionTime", "latencyMs");
    private static final Set<String> NOT_SUMMED_IN_ROW = Set.of("windowStart", "windowEnd", "revision", "emittedAtWatermark", "latencyCount");

    private static Set<String> numericFields(Class<?> type, Set<String> except) {
        return Arrays.stream(type.getFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .filter(f -> f.getType() == int.class || f.getType() == long.class)
                .map(Field::getName)
                .filter(n -> !except.contains(n))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyCountAndMoneyFieldIsAColumn() throws Exception {
        Set<String> deltaFields = numericFields(MessageDelta.class, NOT_SUMMED_IN_DELTA);
        Set<String> rowFields = numericFields(WindowMetrics.class, NOT_SUMMED_IN_ROW);
        assertThat(rowFields).isEqualTo(deltaFields);
        assertThat(SumColumn.values()).hasSize(deltaFields.size());

        // each column reads the delta field and writes the row field of its own name
        for (SumColumn c : SumColumn.values()) {
            MessageDelta d = new MessageDelta();
            WindowMetrics row = new WindowMetrics();
            String name = Arrays.stream(MessageDelta.class.getFields())
                    .filter(f -> deltaFields.contains(f.getName()))
                    .filter(f -> {
                        try {
                            f.set(d, f.getType() == int.class ? (Object) 7 : (Object) 7L);
                            boolean read = c.of(d) == 7;
                            f.set(d, f.getType() == int.class ? (Object) 0 : (Object) 0L);
                            return read;
                        } catch (IllegalAccessException e) {
                            throw new AssertionError(e);
                        }
                    })
                    .map(Field::getName).findFirst().orElseThrow();
            c.set(row, 11);
            assertThat(WindowMetrics.class.getField(name).getLong(row)).as(c.name()).isEqualTo(11);
            assertThat(c.of(row)).isEqualTo(11);
        }
    }
}
