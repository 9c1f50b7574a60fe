"""The engagement lake for the notebooks, on Athena or on a local lake, chosen by the environment.

ENGAGEMENT_LAKE=DIR       a local lake (``bin/engagement-analytics local --output DIR``), read with DuckDB; "now" is
                          pinned to the lake's latest window, so a lake of last month still has a "last 24 hours".
otherwise Athena          ATHENA_DATABASE (default eum_analytics) and ATHENA_WORKGROUP (default eum-analytics), the
                          names deploy/data-plane.yaml creates; awswrangler if installed, else pyathena.

Only the modules of the backend in use are imported. ``query(name)`` runs the tested named query
``schemas/athena/queries/<name>.sql``; on DuckDB the few Athena functions they use are rewritten the way the Java
test shim does (schema.AthenaToDuckDb): current_timestamp -> the pinned now, date_add -> interval arithmetic,
date_format -> strftime.
"""
import os
import pathlib
import re
from datetime import datetime, timedelta, timezone

REPO = pathlib.Path(__file__).resolve().parent.parent
QUERIES = REPO / "schemas" / "athena" / "queries"
VIEWS = REPO / "schemas" / "athena" / "views"
# every table of the lake, from the DDL the job generates out of schema.Tables (one definition of the tables)
TABLES = sorted(p.stem for p in (REPO / "schemas" / "athena" / "tables").glob("*.sql"))


def connect():
    lake = os.environ.get("ENGAGEMENT_LAKE")
    if lake:
        return LocalLake(pathlib.Path(lake))
    return AthenaLake(os.environ.get("ATHENA_DATABASE", "eum_analytics"),
                      os.environ.get("ATHENA_WORKGROUP", "eum-analytics"))


class _Lake:
    now = None

    def query(self, name):
        """Runs schemas/athena/queries/<name>.sql and returns a pandas DataFrame."""
        return self.sql((QUERIES / f"{name}.sql").read_text())

    def since(self, hours):
        """(start, now) of the last `hours` hours as SQL timestamp literals, and the first dt partition to read."""
        start = self.now - timedelta(hours=hours)
        fmt = "%Y-%m-%d %H:%M:%S.%f"
        return (f"TIMESTAMP '{start.strftime(fmt)[:-3]}'", f"TIMESTAMP '{self.now.strftime(fmt)[:-3]}'",
                start.strftime("%Y-%m-%d"))


class AthenaLake(_Lake):
    def __init__(self, database, workgroup):
        self.database, self.workgroup = database, workgroup
        self.now = datetime.now(timezone.utc).replace(tzinfo=None)
        try:
            import awswrangler as wr
            self._run = lambda text: wr.athena.read_sql_query(text, database=database, workgroup=workgroup,
                                                              ctas_approach=False)
        except ImportError:
            from pyathena import connect as athena_connect
            from pyathena.pandas.cursor import PandasCursor
            cursor = athena_connect(work_group=workgroup, schema_name=database, cursor_class=PandasCursor).cursor()
            self._run = lambda text: cursor.execute(text).as_pandas()
        self.description = f"Athena database {database}, workgroup {workgroup}"

    def sql(self, text):
        return self._run(text)

    def has_table(self, name):
        return not self.sql(f"SHOW TABLES IN {self.database} '{name}'").empty


class LocalLake(_Lake):
    def __init__(self, root):
        import duckdb
        if not (root / "metrics_by_country").is_dir():
            raise FileNotFoundError(f"{root} holds no metrics_by_country: not a lake written by the job")
        self.root = root
        self.con = duckdb.connect()
        self.con.execute("SET TimeZone = 'UTC'")
        # a table the run never wrote (no alerts raised, an older lake) is absent, not an error
        self.tables = [t for t in TABLES if next((root / t).glob("**/*.parquet"), None) is not None]
        for t in self.tables:
            self.con.execute(
                f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{root / t}/**/*.parquet', hive_partitioning = true, "
                f"union_by_name = true, hive_types = {{'dt': 'VARCHAR', 'hour': 'VARCHAR'}})")
        for view in sorted(VIEWS.glob("*.sql")):
            text = "\n".join(l for l in view.read_text().splitlines() if not l.lstrip().startswith("--"))
            self.con.execute(text.replace("${database}.", ""))
        latest = self.con.execute("SELECT max(window_end) FROM metrics_by_country").fetchone()[0]
        self.now = latest.astimezone(timezone.utc).replace(tzinfo=None)
        self.description = f"local lake {root} (now pinned to its latest window end, {self.now:%Y-%m-%d %H:%M} UTC)"

    def sql(self, text):
        return self.con.execute(to_duckdb(text, self.now)).df()

    def has_table(self, name):
        return name in self.tables


def to_duckdb(sql, now):
    """The Athena statement as DuckDB SQL, with current_timestamp pinned to `now` (naive UTC)."""
    sql = "\n".join(l for l in sql.splitlines() if not l.lstrip().startswith("--"))
    literal = f"TIMESTAMPTZ '{now.strftime('%Y-%m-%d %H:%M:%S.%f')[:-3]}+00'"
    sql = re.sub(r"(?i)\bcurrent_timestamp\b", literal, sql)
    sql = _rewrite(sql, "date_add", lambda a: f"({a[2]} + ({a[1]}) * INTERVAL '1' {a[0].strip(chr(39)).upper()})")
    sql = _rewrite(sql, "date_format", lambda a: f"strftime({a[0]}, {a[1]})")
    return sql


def _rewrite(sql, name, build):
    """Replaces every call name(a, b, ...) innermost first (an argument may hold another call)."""
    while True:
        starts = [m.start() for m in re.finditer(rf"(?i)\b{name}\s*\(", sql)]
        if not starts:
            return sql
        start = starts[-1]
        open_ = sql.index("(", start)
        depth, args, arg_start, i = 0, [], open_ + 1, open_
        while True:
            c = sql[i]
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    args.append(sql[arg_start:i].strip())
                    break
            elif c == "," and depth == 1:
                args.append(sql[arg_start:i].strip())
                arg_start = i + 1
            elif c == "'":
                i = sql.index("'", i + 1)
            i += 1
        sql = sql[:start] + build(args) + sql[i + 1:]
