package com.example.eum.analytics.schema;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL of every QuickSight dataset (deploy/quicksight.yaml) runs, through the generated DDL, views and the
 * dialect shim, on the {@link LakeFixture} lake; the failures-by-carrier dataset, restricted to the last 24 hours,
 * gives the counts worked out by hand for the tested query top_failure_classes_24h (AthenaQueriesTest).
 */
class QuickSightDataSetsTest {
    @TempDir
    static Path lake;

    private static AthenaSession session;

    @BeforeAll
    static void lake() throws Exception {
        session = AthenaSession.onFixtureLake(lake);
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
    }

    /** The SqlQuery of each dataset, its folded lines joined, the database placeholder dropped. */
    static List<String> dataSetQueries() throws Exception {
        List<String> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(RepoFiles.root().resolve("deploy/quicksight.yaml"), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("SqlQuery: !Sub >-")) {
                StringBuilder sql = new StringBuilder();
                for (i++; !lines.get(i).trim().startsWith("Columns:"); i++) {
                    sql.append(sql.length() == 0 ? "" : " ").append(lines.get(i).trim());
                }
                out.add(sql.toString().replace("${GlueDatabaseName}.", ""));
            }
        }
        return out;
    }

    @Test
    void everyDataSetQueryRunsOnTheLake() throws Exception {
        List<String> queries = dataSetQueries();
        assertThat(queries).hasSize(4);
        // the fixture's latest views: 17 country rows, 8 origination rows
        assertThat(session.run("SELECT count(*) FROM (" + queries.get(0) + ")")).containsExactly("17");
        assertThat(session.run("SELECT count(*) FROM (" + queries.get(1) + ")")).containsExactly("8");
        assertThat(session.run("SELECT count(*) FROM (" + queries.get(2) + ")").get(0)).isNotEqualTo("0");
        // the fixture's alerts: three incidents, each TRIGGERED once (the IN outage, the BR conversion drop, the US
        // spend surge); their updates and the resolution are not rows of the dataset
        assertThat(session.run("SELECT rule, iso_country_code, carrier, severity, affected_messages FROM (" + queries.get(3)
                + ") ORDER BY detected_at")).containsExactly("SPEND_SURGE|US|null|INFO|10", "DELIVERY_DROP|IN|404-45|CRITICAL|120",
                "CONVERSION_DROP|BR|null|WARNING|40");
    }

    @Test
    void failuresByCarrierCountEachFailedMessageOnceLikeTheTestedQuery() throws Exception {
        String carrier = dataSetQueries().get(2);
        assertThat(session.run("SELECT failure_class, iso_country_code, carrier_name, sum(failed_messages) AS n FROM ("
                + carrier + ") WHERE hour_start >= date_add('hour', -24, current_timestamp) AND hour_start < current_timestamp"
                + " GROUP BY 1, 2, 3 ORDER BY n DESC, 1, 2, 3")).containsExactly(
                "BLOCKED|ID|Telkomsel|3",
                "BLOCKED|DE|Telekom|2",
                "INVALID|DE|Vodafone|1",
                "POLICY|BR|unknown|1",
                "UNREACHABLE|DE|Telekom|1",
                "UNREACHABLE|ID|Indosat|1");
    }
}
