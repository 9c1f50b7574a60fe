package com.example.eum.analytics.schema;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** schemas/athena/render.sh, run for real with bash. */
class RenderScriptTest {
    @Test
    void rendersEveryTableThenEveryViewWithPlaceholdersReplaced() throws Exception {
        RenderScript.Result r = RenderScript.run("s3://lake-bucket/a&b/", "engagement");
        assertThat(r.exit).as(r.out).isZero();
        assertThat(r.out).doesNotContain("${lake_root}", "${database}").doesNotContainPattern("(?m)^\\s*--");
        List<String> creates = new ArrayList<>();
        for (String line : r.out.split("\n")) {
            if (line.startsWith("CREATE")) {
                creates.add(line);
            }
        }
        assertThat(creates).containsExactly(
                "CREATE EXTERNAL TABLE IF NOT EXISTS `engagement`.`alerts` (",
                "CREATE EXTERNAL TABLE IF NOT EXISTS `engagement`.`dead_letters` (",
                "CREATE EXTERNAL TABLE IF NOT EXISTS `engagement`.`events` (",
                "CREATE EXTERNAL TABLE IF NOT EXISTS `engagement`.`metrics_by_carrier` (",
                "CREATE EXTERNAL TABLE IF NOT EXISTS `engagement`.`metrics_by_country` (",
                "CREATE EXTERNAL TABLE IF NOT EXISTS `engagement`.`metrics_by_origination` (",
                "CREATE OR REPLACE VIEW engagement.metrics_by_carrier_latest AS",
                "CREATE OR REPLACE VIEW engagement.metrics_by_country_latest AS",
                "CREATE OR REPLACE VIEW engagement.metrics_by_origination_latest AS");
        // trailing slash dropped, '&' kept literally, projection variables untouched
        assertThat(r.out).contains("LOCATION 's3://lake-bucket/a&b/events/'")
                .contains("'storage.location.template'='s3://lake-bucket/a&b/events/dt=${dt}/hour=${hour}/'");
    }

    @Test
    void rendersOnlyTheFilesGiven() throws Exception {
        RenderScript.Result r = RenderScript.run("s3://b/p", "db", RepoFiles.root().resolve("schemas/athena/views/metrics_by_country_latest.sql").toString());
        assertThat(r.exit).as(r.out).isZero();
        assertThat(r.out).startsWith("CREATE OR REPLACE VIEW db.metrics_by_country_latest AS\n")
                .contains("  FROM db.metrics_by_country m\n").endsWith("WHERE revision_rank = 1;\n");
    }

    @Test
    void refusesBadArguments() throws Exception {
        RenderScript.Result missing = RenderScript.run("s3://b/p");
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.out).contains("usage:");
        RenderScript.Result upper = RenderScript.run("s3://b/p", "Engagement");
        assertThat(upper.exit).isEqualTo(2);
        assertThat(upper.out).contains("DATABASE must be lower-case letters, digits and _: Engagement");
        RenderScript.Result quote = RenderScript.run("s3://b/it's", "db");
        assertThat(quote.exit).isEqualTo(2);
        assertThat(quote.out).contains("LAKE_ROOT must not contain quotes");
        RenderScript.Result noFile = RenderScript.run("s3://b/p", "db", "/no/such.sql");
        assertThat(noFile.exit).isEqualTo(2);
        assertThat(noFile.out).contains("no such file: /no/such.sql");
    }
}
