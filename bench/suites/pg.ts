// pg_fetch_1m_vs_psql: time for the Postgres engine to fetch every row of a 1M-row × 8 mixed
// column query ÷ time for `psql -X -A -t -c <same query> > /dev/null` against the same server in
// the same run (both over TCP on 127.0.0.1 without SSL, both with a password).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createPostgresEngine } from '../../src/core/engines/postgres';
import { startPostgres } from '../../test/support/postgres';
import { medianMs, meets, type BenchResult, type BenchSuite } from '../types';

export const FETCH_1M_SQL = `SELECT g AS id,
  g::int8 * 1000003 AS big,
  (g % 1000)::int4 AS small,
  (g / 7.0)::numeric(12,3) AS amount,
  g * 0.5::float8 AS ratio,
  'user_' || g AS name,
  timestamp '2024-01-01' + g * interval '1 second' AS ts,
  (g % 2 = 0) AS flag
FROM generate_series(1, 1000000) AS g`;

function runPsql(psql: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(psql, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited ${code}: ${err}`))));
  });
}

const suite: BenchSuite = async (ctx) => {
  const server = await startPostgres();
  const engine = createPostgresEngine(
    { name: 'bench', kind: 'postgres', host: server.host, port: server.port, user: server.user, database: server.database, ssl: 'disable' },
    { password: server.password },
  );
  try {
    let rows = 0;
    const engineMs = await medianMs(3, async () => {
      rows = 0;
      const execution = await engine.execute(FETCH_1M_SQL);
      for await (const page of execution.pages) rows += page.length;
    });
    if (rows !== 1_000_000) throw new Error(`engine fetched ${rows} rows, expected 1000000`);
    const psql = path.join(server.binDir, 'psql');
    const env = { ...process.env, PGPASSWORD: server.password, PGSSLMODE: 'disable' };
    const args = [
      '-X',
      '-A',
      '-t',
      '-h',
      server.host,
      '-p',
      String(server.port),
      '-U',
      server.user,
      '-d',
      server.database,
      '-c',
      FETCH_1M_SQL,
    ];
    const psqlMs = await medianMs(3, () => runPsql(psql, args, env));
    ctx.log(`engine ${engineMs.toFixed(0)} ms, psql ${psqlMs.toFixed(0)} ms for 1M rows x 8 columns`);
    const ratio = engineMs / psqlMs;
    const target = '<=1.5';
    const result: BenchResult = {
      name: 'pg_fetch_1m_vs_psql',
      value: ratio,
      unit: 'x psql time',
      baseline: psqlMs,
      target,
      pass: meets(ratio, target),
    };
    return [result];
  } finally {
    await engine.dispose();
  }
};

export default suite;
