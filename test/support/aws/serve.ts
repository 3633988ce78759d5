// The loopback Athena (AWS JSON server + DuckDB + s3rver) as a separate process, so a bench or
// an end-to-end run talks to it over real sockets without sharing its CPU and heap, like a
// remote service. Usage: `node --import tsx test/support/aws/serve.ts [--with-redshift-data]`.
// Protocol: prints one JSON line `{"ready":true,"connection":{...},"s3Endpoint":"..."}` (plus
// `"redshift":{"provisioned":{...},"serverless":{...}}` with --with-redshift-data, which also
// starts the test PostgreSQL), then reads
// JSON-line requests `{"id":1,"op":"sql","sql":"..."}` | `{"id":2,"op":"latency","ms":20}` |
// `{"id":3,"op":"outputLocation","queryId":"..."}` and answers `{"id":1,"ok":true,"result":...}`.
// Closing stdin stops everything.
import readline from 'node:readline';
import { startAthenaLoopback } from './athenaHarness';
import { startRedshiftDataLoopback, type RedshiftDataLoopback } from './redshiftDataHarness';

/** The bucket the Redshift Data loopback's UNLOAD writes to (on an s3rver of its own). */
export const UNLOAD_BUCKET = 'dw-unload';

interface Request {
  id: number;
  op: string;
  sql?: string;
  ms?: number;
  queryId?: string;
}

async function main(): Promise<void> {
  const lb = await startAthenaLoopback();
  const rs: RedshiftDataLoopback | undefined = process.argv.includes('--with-redshift-data')
    ? await startRedshiftDataLoopback({ s3Buckets: [UNLOAD_BUCKET] })
    : undefined;
  const write = (o: unknown): void => {
    process.stdout.write(JSON.stringify(o) + '\n');
  };
  write({
    ready: true,
    connection: lb.connection,
    s3Endpoint: lb.s3.endpoint,
    redshift: rs ? { provisioned: rs.provisioned, serverless: rs.serverless } : undefined,
  });
  const rl = readline.createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    void (async () => {
      let req: Request | undefined;
      try {
        req = JSON.parse(line) as Request;
        let result: unknown = null;
        if (req.op === 'sql') await lb.duckdb.run(String(req.sql));
        else if (req.op === 'latency') {
          lb.server.latencyMs = Number(req.ms ?? 0);
          lb.s3.latencyMs = Number(req.ms ?? 0);
        } else if (req.op === 'outputLocation') result = lb.athena.queries.get(String(req.queryId))?.outputLocation ?? null;
        else throw new Error(`unknown op ${req.op}`);
        write({ id: req.id, ok: true, result });
      } catch (e) {
        write({ id: req?.id, ok: false, error: e instanceof Error ? e.message : String(e) });
      }
    })();
  });
  rl.on('close', () => {
    void (async () => {
      await lb.stop();
      if (rs) {
        await rs.stop();
        await rs.postgres.stop();
      }
    })().finally(() => process.exit(0));
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
