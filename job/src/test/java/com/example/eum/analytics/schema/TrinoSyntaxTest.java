package com.example.eum.analytics.schema;

import io.trino.sql.parser.ParsingException;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.CreateView;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.Statement;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every view and query of schemas/athena parses with Trino's own SQL parser (Athena engine v3 runs Trino), so no
 * DuckDB-only syntax can slip in through the DuckDB-run tests. Syntax only: functions and types are checked by
 * running the queries (in DuckDB, through the shim). The table DDL is Hive DDL, which Trino does not parse.
 */
class TrinoSyntaxTest {
    private static final Path ATHENA = RepoFiles.root().resolve("schemas/athena");
    private final SqlParser trino = new SqlParser();

    @Test
    void viewsAreTrinoCreateViewStatements() throws Exception {
        List<Path> views = RepoFiles.athenaSqlFiles("views");
        assertThat(views).hasSize(3);
        for (Path v : views) {
            RenderScript.Result rendered = RenderScript.run("s3://bucket/lake", "analytics", v.toString());
            assertThat(rendered.exit).as(rendered.out).isZero();
            Statement statement = trino.createStatement(withoutSemicolon(rendered.out));
            assertThat(statement).as(v.toString()).isInstanceOf(CreateView.class);
            CreateView view = (CreateView) statement;
            assertThat(view.isReplace()).isTrue();
            assertThat(view.getName().toString()).isEqualTo("analytics." + v.getFileName().toString().replace(".sql", ""));
        }
    }

    @Test
    void queriesAreTrinoQueries() throws Exception {
        List<Path> queries = RepoFiles.athenaSqlFiles("queries");
        assertThat(queries).hasSize(11);
        for (Path q : queries) {
            Statement statement = trino.createStatement(withoutSemicolon(AthenaToDuckDb.stripLineComments(Files.readString(q))));
            assertThat(statement).as(q.toString()).isInstanceOf(Query.class);
        }
    }

    @Test
    void theParserRejectsDuckDbOnlySyntax() {
        assertThatThrownBy(() -> trino.createStatement("SELECT x::int FROM t")).isInstanceOf(ParsingException.class);
        assertThatThrownBy(() -> trino.createStatement("SELECT ts - INTERVAL 1 DAY FROM t")).isInstanceOf(ParsingException.class);
    }

    private static String withoutSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }
}
