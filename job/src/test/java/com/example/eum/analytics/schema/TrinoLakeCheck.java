package com.example.eum.analytics.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the lake with a real Trino server (the engine under Athena engine v3) through our table definitions, and
 * compares everything with DuckDB reading the same files. Run by {@code schemas/athena/trino-check.sh}, which starts
 * the server; not a unit test (it needs a running Trino, 800 MB and minutes to set up).
 *
 * <p>Two datasets, each in its own Trino schema of the Hive catalog {@code lake} (file metastore, local file system
 * rooted at {@code FS_ROOT}, so a lake folder {@code FS_ROOT/x} is {@code local:///x}):
 * <ul>
 *   <li>{@code replay}: a lake the job wrote. Per table: row count, {@code DESCRIBE} types against {@link Tables}
 *       (timestamp(3), decimal(18,6), map(varchar, varchar), ...), every row and column equal to DuckDB's, and a few
 *       values known from the sample records.</li>
 *   <li>{@code fixture}: the {@link LakeFixture} lake of {@code AthenaQueriesTest}. Every query of
 *       schemas/athena/queries, unchanged but for {@code current_timestamp} pinned to {@link LakeFixture#NOW}, must
 *       give the same rows in the same order as DuckDB through {@link AthenaSession} (the shim), whose answers
 *       {@code AthenaQueriesTest} checks against hand-computed values.</li>
 * </ul>
 * Tables are created from the rendered Athena DDL by {@link AthenaDdlToTrino}, partitions registered with
 * {@code system.sync_partition_metadata}, views created from schemas/athena/views unchanged. Prints a markdown
 * report; exit code 0 when everything matched, 1 otherwise.
 *
 * <p>Usage: {@code TrinoLakeCheck TRINO_URL FS_ROOT REPLAY_LAKE FIXTURE_LAKE}, e.g.
 * {@code jdbc:trino://127.0.0.1:8080 /tmp/trino-check /tmp/trino-check/lake /tmp/trino-check/fixture}.
 */
public final class TrinoLakeCheck {
    private static final Pattern CURRENT_TIMESTAMP = Pattern.compile("(?i)\\bcurrent_timestamp\\b");
    private static final String PINNED_NOW = "TIMESTAMP '" + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC).format(LakeFixture.NOW) + " UTC'";

    private final String trinoUrl;
    private final Path fsRoot;
    private final List<String> report = new ArrayList<>();
    private int mismatches;

    private TrinoLakeCheck(String trinoUrl, Path fsRoot) {
        this.trinoUrl = trinoUrl;
        this.fsRoot = fsRoot;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: TrinoLakeCheck TRINO_URL FS_ROOT REPLAY_LAKE FIXTURE_LAKE");
            System.exit(2);
        }
        TrinoLakeCheck check = new TrinoLakeCheck(args[0], Paths.get(args[1]).toAbsolutePath().normalize());
        Path replayLake = Paths.get(args[2]).toAbsolutePath().normalize();
        Path fixtureLake = Paths.get(args[3]).toAbsolutePath().normalize();
        check.replayLake(replayLake);
        check.fixtureQueries(fixtureLake);
        for (String line : check.report) {
            System.out.println(line);
        }
        System.out.println();
        System.out.println(check.mismatches == 0 ? "TRINO CHECK: everything matched"
                : "TRINO CHECK: " + check.mismatches + " mismatch(es)");
        System.exit(check.mismatches == 0 ? 0 : 1);
    }

    // ---- the job's lake ----

    private void replayLake(Path lake) throws Exception {
        report.add("## Lake written by the job: " + lake);
        report.add("");
        try (Connection trino = trino("replay"); AthenaSession duckdb = new AthenaSession(lake, LakeFixture.NOW)) {
            createInTrino(trino, "replay", lake);
            report.add("| table | rows Trino | rows DuckDB | DESCRIBE types = Tables | all values equal |");
            report.add("|---|---|---|---|---|");
            for (TableSchema<?> t : Tables.all()) {
                String trinoCount = rows(trino, "SELECT count(*) FROM " + t.name()).get(0);
                String duckCount = duckdb.rows("SELECT count(*) FROM " + t.name()).get(0);
                boolean types = typesMatch(trino, t);
                String values = sameRows(trino, duckdb, t);
                report.add("| " + t.name() + " | " + trinoCount + " | " + duckCount + " | " + (types ? "yes" : "NO")
                        + " | " + values + " |");
                expect(trinoCount.equals(duckCount), t.name() + ": row counts differ");
                expect(!trinoCount.equals("0"), t.name() + ": no rows (nothing checked)");
            }
            report.add("");
            knownSampleValues(trino, duckdb);
        }
    }

    private boolean typesMatch(Connection trino, TableSchema<?> t) throws SQLException {
        List<String> expected = new ArrayList<>();
        for (Column<?> c : t.columns()) {
            expected.add(c.name() + " " + AthenaDdlToTrino.describedType(c.type()));
        }
        expected.add("dt varchar");
        expected.add("hour varchar");
        List<String> described = new ArrayList<>();
        try (Statement s = trino.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE " + t.name())) {
            while (rs.next()) {
                described.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        boolean same = described.equals(expected);
        if (!same) {
            List<String> onlyTrino = new ArrayList<>(described);
            onlyTrino.removeAll(expected);
            List<String> onlyTables = new ArrayList<>(expected);
            onlyTables.removeAll(described);
            report.add("- " + t.name() + " DESCRIBE differs: Trino " + onlyTrino + ", Tables " + onlyTables);
        }
        expect(same, t.name() + ": DESCRIBE types differ from Tables");
        return same;
    }

    /** Every row, every column (and dt, hour), compared as text between the engines; returns the table cell. */
    private String sameRows(Connection trino, AthenaSession duckdb, TableSchema<?> t) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (Column<?> c : t.columns()) {
            columns.add('"' + c.name() + '"');
        }
        columns.add("dt");
        columns.add("hour");
        String select = "SELECT " + String.join(", ", columns) + " FROM " + t.name();
        List<String> fromTrino = rows(trino, select);
        List<String> fromDuckDb = duckdb.rows(select);
        Collections.sort(fromTrino);
        Collections.sort(fromDuckDb);
        if (fromTrino.equals(fromDuckDb)) {
            return "yes (" + fromTrino.size() + " rows x " + columns.size() + " columns)";
        }
        List<String> onlyTrino = multisetMinus(fromTrino, fromDuckDb);
        List<String> onlyDuckDb = multisetMinus(fromDuckDb, fromTrino);
        report.add("- " + t.name() + ": " + onlyTrino.size() + " row(s) only in Trino, e.g. "
                + onlyTrino.subList(0, Math.min(2, onlyTrino.size())) + "; " + onlyDuckDb.size()
                + " only in DuckDB, e.g. " + onlyDuckDb.subList(0, Math.min(2, onlyDuckDb.size())));
        expect(false, t.name() + ": rows differ");
        return "NO";
    }

    /** Values of the sample records that ReplayCommandTest also states, read by both engines. */
    private void knownSampleValues(Connection trino, AthenaSession duckdb) throws SQLException {
        String[][] checks = {
            // sms_text_successful.json: totalMessagePrice 0.00581, totalCarrierFee 0.00302, mcc 310, mnc 260,
            // context useCase otp-login, one part, eventTimestamp 1748872800820, messageRequestTimestamp 1748872800000 (ms)
            {"SELECT CAST(price_usd AS varchar), CAST(carrier_fee_usd AS varchar), context['useCase'], mcc, mnc, "
                    + "message_parts, is_final, destination_number, event_time, request_time FROM events "
                    + "WHERE event_type = 'TEXT_SUCCESSFUL' AND message_id LIKE '%example00001' AND source_envelope = 'RAW'",
                "0.005810|0.003020|otp-login|310|260|1|true|null|2025-06-02T14:00:00.820Z|2025-06-02T14:00:00Z"},
            // wa_status_failed.json: error 131047, POLICY, sender +12065550100, status timestamp 1748873100 (epoch s)
            {"SELECT status, failure_class, error_code, origination_id, iso_country_code, event_time FROM events "
                    + "WHERE message_id = 'wamid.EXAMPLE0000000000000000000000000000002' AND status = 'FAILED'",
                "FAILED|POLICY|131047|+12065550100|US|2025-06-02T14:05:00Z"},
        };
        report.add("Values from the sample records (expected | Trino | DuckDB):");
        report.add("");
        for (String[] c : checks) {
            List<String> t = rows(trino, c[0]);
            List<String> d = duckdb.rows(c[0]);
            boolean ok = !t.isEmpty() && t.get(0).equals(c[1]) && t.equals(d);
            report.add("- `" + c[1] + "` | `" + (t.isEmpty() ? "no row" : t.get(0)) + "` | `"
                    + (d.isEmpty() ? "no row" : d.get(0)) + "` " + (ok ? "same" : "DIFFERENT"));
            expect(ok, "sample values differ: " + c[0]);
        }
        report.add("");
    }

    // ---- the queries on the AthenaQueriesTest fixture ----

    private void fixtureQueries(Path fixtureLake) throws Exception {
        Files.createDirectories(fixtureLake);
        try (Connection writer = DriverManager.getConnection("jdbc:duckdb:")) {
            LakeFixture.write(writer, fixtureLake);
        }
        report.add("## Queries on the AthenaQueriesTest fixture (now pinned to " + LakeFixture.NOW + ")");
        report.add("");
        try (Connection trino = trino("fixture"); AthenaSession duckdb = new AthenaSession(fixtureLake, LakeFixture.NOW)) {
            createInTrino(trino, "fixture", fixtureLake);
            Map<String, String> queries = new TreeMap<>();
            for (Path q : RepoFiles.athenaSqlFiles("queries")) {
                queries.put(q.getFileName().toString(), Files.readString(q));
            }
            String pumping = queries.get("sms_pumping_suspects.sql");
            queries.put("sms_pumping_suspects.sql with min_messages_24h = 5",
                    pumping.replace("20 AS min_messages_24h", "5 AS min_messages_24h"));
            queries.put("latest views: row counts",
                    "SELECT (SELECT count(*) FROM metrics_by_country), (SELECT count(*) FROM metrics_by_country_latest), "
                            + "(SELECT count(*) FROM metrics_by_origination_latest), (SELECT count(*) FROM metrics_by_carrier_latest)");
            report.add("| query | rows | Trino = DuckDB | Trino's answer |");
            report.add("|---|---|---|---|");
            for (Map.Entry<String, String> q : queries.entrySet()) {
                List<String> fromTrino = rows(trino, pinNow(q.getValue()));
                List<String> fromDuckDb = duckdb.run(q.getValue());
                boolean same = fromTrino.equals(fromDuckDb);
                report.add("| " + q.getKey() + " | " + fromTrino.size() + " | " + (same ? "same" : "DIFFERENT")
                        + " | " + cell(fromTrino) + " |");
                if (!same) {
                    report.add("| | | DuckDB: | " + cell(fromDuckDb) + " |");
                }
                expect(same, q.getKey() + ": Trino and DuckDB answers differ");
                expect(!fromTrino.isEmpty(), q.getKey() + ": no rows (nothing checked)");
            }
        }
    }

    /** Rows for a markdown table cell: one per line, values separated by commas. */
    private static String cell(List<String> rows) {
        return String.join("<br>", rows).replace("|", ", ");
    }

    /** The query text for Trino: comments dropped, no trailing semicolon, {@code current_timestamp} pinned. */
    static String pinNow(String athenaSql) {
        String sql = AthenaToDuckDb.stripLineComments(athenaSql).strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1);
        }
        return CURRENT_TIMESTAMP.matcher(sql).replaceAll(Matcher.quoteReplacement(PINNED_NOW));
    }

    // ---- set-up ----

    /** Creates the tables (from the rendered Athena DDL) and views of schemas/athena in {@code lake.<schema>}. */
    private void createInTrino(Connection trino, String schema, Path lake) throws Exception {
        String lakeRoot = "local:///" + fsRoot.relativize(lake).toString().replace('\\', '/');
        if (!lake.startsWith(fsRoot)) {
            throw new IllegalArgumentException(lake + " is not under the Trino file system root " + fsRoot);
        }
        try (Statement s = trino.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS lake." + schema);
            for (Path view : RepoFiles.athenaSqlFiles("views")) {
                s.execute("DROP VIEW IF EXISTS lake." + schema + "." + view.getFileName().toString().replace(".sql", ""));
            }
            for (Path ddl : RepoFiles.athenaSqlFiles("tables")) {
                AthenaToDuckDb.ExternalTable t = AthenaToDuckDb.parseExternalTable(render(lakeRoot, schema, ddl));
                s.execute("DROP TABLE IF EXISTS lake." + schema + "." + t.name); // external: the files stay
                s.execute(AthenaDdlToTrino.createTable(schema, t));
                s.execute("CALL lake.system.sync_partition_metadata('" + schema + "', '" + t.name + "', 'FULL')");
            }
            for (Path view : RepoFiles.athenaSqlFiles("views")) {
                s.execute(withoutSemicolon(render(lakeRoot, schema, view)));
            }
        }
    }

    private Connection trino(String schema) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "trino-check");
        p.setProperty("timezone", "UTC"); // Athena's session time zone
        return DriverManager.getConnection(trinoUrl + "/lake/" + schema, p);
    }

    private static String render(String lakeRoot, String database, Path sqlFile) throws IOException, InterruptedException {
        RenderScript.Result r = RenderScript.run(lakeRoot, database, sqlFile.toString());
        if (r.exit != 0) {
            throw new IllegalStateException("render.sh failed: " + r.out);
        }
        return r.out;
    }

    private static String withoutSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }

    // ---- comparing ----

    private void expect(boolean ok, String what) {
        if (!ok) {
            mismatches++;
            System.err.println("MISMATCH: " + what);
        }
    }

    private static List<String> rows(Connection trino, String sql) throws SQLException {
        return SqlRows.of(trino, sql);
    }

    private static List<String> multisetMinus(List<String> a, List<String> b) {
        Map<String, Integer> counts = new HashMap<>();
        for (String s : b) {
            counts.merge(s, 1, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        for (String s : a) {
            Integer n = counts.get(s);
            if (n == null || n == 0) {
                out.add(s);
            } else {
                counts.put(s, n - 1);
            }
        }
        return out;
    }
}
