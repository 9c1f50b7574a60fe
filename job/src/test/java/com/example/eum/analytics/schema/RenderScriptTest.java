package com.example.eum.analytics.schema;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** schemas/athena/render.sh, run for real with bash. */
class RenderScriptTest {
    private static final Path SCRIPT = RepoFiles.root().resolve("schemas/athena/render.sh");

    private static final class Result {
        int exit;
        String out;
    }

    private static Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Result r = new Result();
        try (InputStream in = p.getInputStream()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            r.out = buf.toString(StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        r.exit = p.exitValue();
        return r;
    }

    @Test
    void rendersEveryTableThenEveryViewWithPlaceholdersReplaced() throws Exception {
        Result r = run("s3://lake-bucket/a&b/", "engagement");
        assertThat(r.exit).as(r.out).isZero();
        assertThat(r.out).doesNotContain("${lake_root}", "${database}").doesNotContainPattern("(?m)^\\s*--");
        List<String> creates = new ArrayList<>();
        for (String line : r.out.split("\n")) {
            if (line.startsWith("CREATE")) {
                creates.add(line);
            }
        }
        assertThat(creates).containsExactly(
                "CREATE EXTERNAL TABLE IF NOT EXISTS `engagement`.`dead_letters` (",
                "CREATE EXTERNAL TABLE IF NOT EXISTS `engagement`.`events` (",
                "CREATE EXTERNAL TABLE IF NOT EXISTS `engagement`.`metrics_by_country` (",
                "CREATE EXTERNAL TABLE IF NOT EXISTS `engagement`.`metrics_by_origination` (",
                "CREATE OR REPLACE VIEW engagement.metrics_by_country_latest AS",
                "CREATE OR REPLACE VIEW engagement.metrics_by_origination_latest AS");
        // trailing slash dropped, '&' kept literally, projection variables untouched
        assertThat(r.out).contains("LOCATION 's3://lake-bucket/a&b/events/'")
                .contains("'storage.location.template'='s3://lake-bucket/a&b/events/dt=${dt}/hour=${hour}/'");
    }

    @Test
    void rendersOnlyTheFilesGiven() throws Exception {
        Result r = run("s3://b/p", "db", RepoFiles.root().resolve("schemas/athena/views/metrics_by_country_latest.sql").toString());
        assertThat(r.exit).as(r.out).isZero();
        assertThat(r.out).startsWith("CREATE OR REPLACE VIEW db.metrics_by_country_latest AS\n")
                .contains("  FROM db.metrics_by_country m\n").endsWith("WHERE revision_rank = 1;\n");
    }

    @Test
    void refusesBadArguments() throws Exception {
        Result missing = run("s3://b/p");
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.out).contains("usage:");
        Result upper = run("s3://b/p", "Engagement");
        assertThat(upper.exit).isEqualTo(2);
        assertThat(upper.out).contains("DATABASE must be lower-case letters, digits and _: Engagement");
        Result quote = run("s3://b/it's", "db");
        assertThat(quote.exit).isEqualTo(2);
        assertThat(quote.out).contains("LAKE_ROOT must not contain quotes");
        Result noFile = run("s3://b/p", "db", "/no/such.sql");
        assertThat(noFile.exit).isEqualTo(2);
        assertThat(noFile.out).contains("no such file: /no/such.sql");
    }
}
