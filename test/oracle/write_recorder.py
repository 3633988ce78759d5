"""Records DataFrame writes of a candidate instead of performing them (used by test/oracle/run.ts).

The oracle evaluates DataFrames, not writes (`DataFrame.write` is ORACLE_UNSUPPORTED there), and
its reference SQL runs READ ONLY. For CREATE TABLE AS / INSERT INTO queries the runner judges the
SELECT part through the oracle and uses this module to check the write itself: which table, how
(saveAsTable / insertInto / jdbc / writeTo), with which mode, and whether the DataFrame written is
the candidate's `result`. The runner prepends one line to the candidate:

    import sys; sys.path.insert(0, DIR); import write_recorder; write_recorder.install(globals(), LOG)

so candidate line numbers in oracle messages are off by one for write queries only. Environment
lookups for connection settings (os.environ["JDBC_URL"]) get placeholders: nothing connects.
"""
import atexit
import json
import os

from sqlglot.dataframe.sql.dataframe import DataFrame

_writes = []


def _record(df, **info):
    info["df"] = df
    _writes.append(info)


class _Writer:
    """Stands in for DataFrameWriter: every builder call is kept, terminal calls record a write."""

    def __init__(self, df):
        self._df = df
        self._mode = None
        self._format = None
        self._options = {}

    def mode(self, saveMode):
        self._mode = saveMode
        return self

    def format(self, source):
        self._format = source
        return self

    def option(self, key, value):
        self._options[str(key)] = str(value)
        return self

    def options(self, **opts):
        for k, v in opts.items():
            self._options[str(k)] = str(v)
        return self

    def partitionBy(self, *_cols):
        return self

    def bucketBy(self, *_a, **_k):
        return self

    def sortBy(self, *_a, **_k):
        return self

    def saveAsTable(self, name, format=None, mode=None, partitionBy=None, **options):
        _record(self._df, op="saveAsTable", table=name, mode=mode or self._mode, format=format or self._format)

    def insertInto(self, tableName, overwrite=None):
        _record(self._df, op="insertInto", table=tableName, mode="overwrite" if overwrite else "append")

    def save(self, path=None, format=None, mode=None, partitionBy=None, **options):
        opts = dict(self._options, **{k: str(v) for k, v in options.items()})
        _record(self._df, op="save", table=opts.get("dbtable") or path, mode=mode or self._mode,
                format=format or self._format)

    def jdbc(self, url, table, mode=None, properties=None):
        _record(self._df, op="jdbc", table=table, mode=mode or self._mode, format="jdbc")

    def _file(self, kind):
        def f(path, mode=None, **_k):
            _record(self._df, op=kind, table=path, mode=mode or self._mode, format=kind)
        return f

    def __getattr__(self, name):
        if name in ("parquet", "csv", "json", "orc", "text"):
            return self._file(name)
        raise AttributeError(f"DataFrameWriter.{name} is not known to the write recorder")


class _WriterV2:
    """Stands in for DataFrameWriterV2 (df.writeTo(table))."""

    def __init__(self, df, table):
        self._df = df
        self._table = table

    def using(self, _provider):
        return self

    def option(self, _k, _v):
        return self

    def options(self, **_o):
        return self

    def tableProperty(self, _k, _v):
        return self

    def partitionedBy(self, *_c):
        return self

    def _do(self, mode):
        _record(self._df, op="writeTo", table=self._table, mode=mode)

    def create(self):
        self._do("create")

    def replace(self):
        self._do("overwrite")

    def createOrReplace(self):
        self._do("overwrite")

    def append(self):
        self._do("append")

    def overwrite(self, _condition=None):
        self._do("overwrite")

    def overwritePartitions(self):
        self._do("overwrite")


class _PlaceholderEnv(dict):
    """os.environ for the candidate: connection settings read as os.environ["JDBC_URL"] get a placeholder,
    since nothing is written or connected to."""

    def __missing__(self, key):
        return f"dw-write-recorder-placeholder-{key}"


def install(candidate_globals, log_path):
    os.environ = _PlaceholderEnv(os.environ)
    DataFrame.write = property(lambda self: _Writer(self))
    DataFrame.writeTo = lambda self, table: _WriterV2(self, table)

    def dump():
        result = candidate_globals.get("result")
        rows = []
        for w in _writes:
            df = w.pop("df")
            rows.append(dict(w, writes_result=df is result))
        with open(log_path, "w") as fh:
            json.dump(rows, fh)

    atexit.register(dump)
