// SQL → typed relational plan → PySpark / Scala. Refuses (with a position) whatever it cannot translate faithfully.
import type { TranslateOptions, TranslateResult } from './api';
import type { Statement } from './ast';
import { defaultCatalog, type Catalog } from './catalog';
import { emitPySpark } from './emit-pyspark';
import { emitScala } from './emit-scala';
import { TranslateError, refuse } from './errors';
import { visibleText } from '../text/visible';
import type { Program, Rel } from './ir';
import { parseStatements } from './parser';
import { Planner } from './query';
import { col } from './typing';

export type { Dialect, Target, WriteMode, TranslateOptions, TranslateResult } from './api';

export function translate(sql: string, options: TranslateOptions, catalog: Catalog = defaultCatalog): TranslateResult {
  try {
    const statements = parseStatements(sql);
    const planner = new Planner(options.dialect, catalog);
    const programs = plan(statements, planner, options);
    const code = options.target === 'scala' ? emitScala(programs, options) : emitPySpark(programs, options);
    return { ok: true, code, warnings: [...new Set(planner.notes.map((note) => visibleText(note)))] };
  } catch (e) {
    // Reasons quote the SQL (names, literals): shown on one line, with control and bidi characters visible.
    if (e instanceof TranslateError) return { ok: false, reason: visibleText(e.message), line: e.pos.line, column: e.pos.column };
    // A translator bug must never turn into code: refuse, and say so.
    return { ok: false, reason: visibleText(`internal translator error: ${(e as Error).message ?? String(e)}`), line: 1, column: 1 };
  }
}

function tableName(t: { schema?: string; name: string }): string {
  return t.schema ? `${t.schema}.${t.name}` : t.name;
}

function plan(statements: Statement[], planner: Planner, options: TranslateOptions): Program[] {
  const schemas = statements.filter((s): s is Extract<Statement, { k: 'schema' }> => s.k === 'schema');
  const work = statements.filter((s) => s.k !== 'txn' && s.k !== 'schema');
  if (!work.length) {
    if (statements.length) refuse('BEGIN/COMMIT and CREATE SCHEMA alone have nothing to translate', statements[0].pos);
    refuse('no SQL statement to translate', { offset: 0, line: 1, column: 1 });
  }
  const programs: Program[] = [];
  const dropped = new Set<string>();
  const notes: string[] = [];
  if (statements.some((s) => s.k === 'txn'))
    notes.push('BEGIN/COMMIT: each DataFrame write below commits on its own; there is no multi-statement transaction.');
  for (const sc of schemas)
    notes.push(
      `CREATE SCHEMA ${sc.name}: the DataFrame API cannot create a database; it must exist before saveAsTable (spark.catalog.databaseExists("${sc.name}")).`,
    );
  work.forEach((s, i) => {
    const last = i === work.length - 1;
    if (s.k === 'drop') {
      const next = work[i + 1];
      const name = tableName(s.table);
      if (!next || next.k !== 'ctas' || tableName(next.table) !== name) {
        refuse(
          `DROP TABLE ${name} on its own has no DataFrame equivalent; when it precedes CREATE TABLE ${name} AS …, the write uses mode("overwrite")`,
          s.pos,
        );
      }
      dropped.add(name);
      return;
    }
    if (s.k === 'delete') {
      refuse(
        `DELETE FROM ${tableName(s.table)} cannot be expressed as a DataFrame write: Spark cannot remove rows from an existing table with the DataFrame API. For the delete-then-insert upsert, use a Delta Lake MERGE or rebuild the table and overwrite it`,
        s.pos,
      );
    }
    const before = planner.steps.length;
    if (s.k === 'insert' && s.columns && s.q.body.k === 'select') {
      // INSERT INTO t (a, b) SELECT x, y: name the select items after the target columns directly.
      const items = s.q.body.items;
      if (
        items.length === s.columns.length &&
        items.every((it, j) => it.e.k !== 'star' && (!it.alias || it.alias === s.columns![j])) &&
        !s.q.orderBy.length &&
        !s.q.body.groupBy.some(
          (g) =>
            g.k === 'col' &&
            g.parts.length === 1 &&
            s.columns!.includes(g.parts[0]) &&
            !items.some((it) => it.e.k === 'col' && it.e.parts.at(-1) === (g as { parts: string[] }).parts[0]),
        )
      ) {
        items.forEach((it, j) => {
          it.alias = s.columns![j];
        });
      }
    }
    let p = planner.planQuery(s.q, new Map());
    const steps = planner.steps.splice(before);
    const prog: Program = { steps, result: p.rel, notes: [] };
    if (s.k === 'ctas') {
      const name = tableName(s.table);
      prog.write = { table: name, mode: dropped.has(name) ? 'overwrite' : 'errorifexists' };
      if (dropped.has(name))
        prog.notes.push(`DROP TABLE ${name} + CREATE TABLE ${name} AS: written with mode("overwrite"), which replaces the table.`);
    } else if (s.k === 'insert') {
      const name = tableName(s.table);
      if (s.columns && p.cols && p.cols.every((c, j) => c.name === s.columns![j])) prog.write = { table: name, mode: 'append' };
      else if (s.columns) {
        if (!p.cols) refuse('INSERT with a column list needs the query columns to be known', s.pos);
        if (p.cols.length !== s.columns.length)
          refuse(`INSERT names ${s.columns.length} columns but the query returns ${p.cols.length}`, s.pos);
        const rel: Rel = { k: 'select', rel: p.rel, items: p.cols.map((c, j) => ({ e: col(c.name), name: s.columns![j] })) };
        p = { rel, cols: p.cols };
        prog.result = rel;
        prog.write = { table: name, mode: 'append' };
      } else prog.write = { table: name, mode: 'append', positional: options.writeMode !== 'jdbc' };
    }
    if (!last)
      prog.resultName = planner.varName(
        s.k === 'query'
          ? 'query'
          : tableName(s.k === 'ctas' || s.k === 'insert' ? s.table : { name: 'df' })
              .split('.')
              .pop()!,
      );
    programs.push(prog);
  });
  programs[0].notes.unshift(...notes);
  return programs;
}
