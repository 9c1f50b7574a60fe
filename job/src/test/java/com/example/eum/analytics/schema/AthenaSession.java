package com.example.eum.analytics.schema;

import com.example.eum.analytics.cli.LakeSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DuckDB standing in for Athena over one lake: the generated table DDL and views as schemas/athena/render.sh prints
 * them, translated by {@link AthenaToDuckDb} with {@code current_timestamp} pinned to {@code now}. Queries are read
 * from schemas/athena/queries unchanged; rows come back as {@link SqlRows} text ({@code |}-separated, decimals without
 * trailing zeros, timestamps as UTC instants).
 */
final class AthenaSession implements AutoCloseable {
    private static final Path ATHENA = RepoFiles.root().resolve("schemas/athena");

    private final Path lake;
    private final AthenaToDuckDb shim;
    private final Connection duckdb;

    AthenaSession(Path lake, Instant now) throws Exception {
        this.lake = lake;
        this.shim = new AthenaToDuckDb(now);
        this.duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duckdb.createStatement()) {
            for (String setup : AthenaToDuckDb.SESSION_SETUP) {
                s.execute(setup);
            }
            for (Path ddl : RepoFiles.athenaSqlFiles("tables")) {
                String table = ddl.getFileName().toString().replaceFirst("\\.sql$", "");
                // a table the job has written nothing to yet answers no rows, as in Athena
                s.execute(LakeSummary.committedFiles(lake.resolve(table)).isEmpty() ? shim.emptyTable(render(ddl)) : shim.translate(render(ddl)));
            }
            for (Path view : RepoFiles.athenaSqlFiles("views")) {
                s.execute(shim.translate(render(view)));
            }
        }
    }

    /** A session over a new {@link LakeFixture} lake written into {@code lake}, "now" at {@link LakeFixture#NOW}. */
    static AthenaSession onFixtureLake(Path lake) throws Exception {
        try (Connection writer = DriverManager.getConnection("jdbc:duckdb:")) {
            LakeFixture.write(writer, lake);
        }
        return new AthenaSession(lake, LakeFixture.NOW);
    }

    /** The rows of schemas/athena/queries/{@code file}. */
    List<String> query(String file) throws Exception {
        return run(Files.readString(ATHENA.resolve("queries").resolve(file)));
    }

    /** The rows of an Athena statement, through the shim. */
    List<String> run(String athenaSql) throws SQLException {
        return rows(shim.translate(athenaSql));
    }

    /** The rows of a DuckDB statement, as {@link SqlRows} text. */
    List<String> rows(String duckDbSql) throws SQLException {
        return SqlRows.of(duckdb, duckDbSql);
    }

    @Override
    public void close() throws SQLException {
        duckdb.close();
    }

    /** The statement as schemas/athena/render.sh prints it for this lake and DuckDB's default schema. */
    private String render(Path sqlFile) throws IOException, InterruptedException {
        RenderScript.Result r = RenderScript.run(lake.toString(), "main", sqlFile.toString());
        assertThat(r.exit).as(r.out).isZero();
        return r.out;
    }
}
