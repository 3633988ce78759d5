// A real, throwaway PostgreSQL for tests and benches: one server per process, listening on
// 127.0.0.1 on a free port, data dir in a temp folder, fsync off, scram password auth over TCP
// (so bad-password tests are real), trust on the unix socket for the superuser, and SSL on with
// a self-signed certificate (so `require` works and `verify-full` fails for real).
//
// The server runs under a tiny `sh` guardian whose stdin is a pipe from this process: when this
// process exits (normally, by signal or crash) the pipe closes, and the guardian stops the
// server and deletes the folder. Nothing is left behind.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface TestPostgres {
  host: string;
  port: number;
  /** Non-superuser with a scram password; owns `database`. */
  user: string;
  password: string;
  database: string;
  /** postgres://user:password@127.0.0.1:port/database (test-only credentials). */
  connectionString: string;
  /** Unix socket directory; the superuser `adminUser` connects there without a password. */
  socketDir: string;
  adminUser: string;
  /** Folder holding psql, pg_isready, ... of the server's version. */
  binDir: string;
  /** The server's self-signed certificate (PEM), for tests that pass it as the CA. */
  certificatePem: string;
  /** Runs SQL as the superuser over the unix socket through psql; returns psql's unaligned output. */
  adminSql(sql: string, database?: string): string;
  stop(): Promise<void>;
}

const TEST_USER = 'dw_test';
const ADMIN_USER = 'postgres';

let running: Promise<TestPostgres> | undefined;

/** Starts (once per process) and returns the shared test server. */
export function startPostgres(): Promise<TestPostgres> {
  running ??= launch().catch((e: unknown) => {
    running = undefined;
    throw e;
  });
  return running;
}

function findBinDir(): string {
  const root = '/usr/lib/postgresql';
  const pick = (): string | undefined => {
    if (!existsSync(root)) return undefined;
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a));
    return versions.length ? path.join(root, versions[0], 'bin') : undefined;
  };
  let dir = pick();
  if (!dir) {
    console.error('\n*** test/support/postgres: PostgreSQL binaries not found under /usr/lib/postgresql/*/bin.');
    console.error(
      '*** Installing the Debian package `postgresql` with apt-get (needs root). scripts/setup-test-env.sh should do this for CI. ***\n',
    );
    const opts = { stdio: 'inherit' as const, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
    spawnSync('apt-get', ['update'], opts);
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql', 'postgresql-client', 'openssl'], opts);
    dir = pick();
    if (!dir)
      throw new Error('PostgreSQL is not installed and `apt-get install postgresql` did not provide /usr/lib/postgresql/*/bin/postgres');
  }
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The OS user the server runs as: postgres refuses to run as root. */
function serverIdentity(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', ADMIN_USER], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', ADMIN_USER], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

async function launch(): Promise<TestPostgres> {
  const binDir = findBinDir();
  const who = serverIdentity();
  const root = mkdtempSync(path.join(os.tmpdir(), 'dw-pg-'));
  if (who) chownSync(root, who.uid, who.gid);
  const dataDir = path.join(root, 'data');
  const asServer = { ...(who ?? {}), stdio: 'pipe' as const, encoding: 'utf8' as const };

  // The server's OS user needs a username for initdb's superuser; we name it explicitly.
  execFileSync(
    path.join(binDir, 'initdb'),
    ['-D', dataDir, '-U', ADMIN_USER, '--auth-local=trust', '--auth-host=scram-sha-256', '-N', '-E', 'UTF8', '--locale=C'],
    asServer,
  );
  writeFileSync(
    path.join(dataDir, 'pg_hba.conf'),
    ['local all all trust', 'host all all 127.0.0.1/32 scram-sha-256', 'host all all ::1/128 scram-sha-256', ''].join('\n'),
  );
  // Self-signed certificate (EC keys generate in milliseconds).
  execFileSync(
    'openssl',
    [
      'req',
      '-new',
      '-x509',
      '-days',
      '30',
      '-nodes',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-subj',
      '/CN=dw-test-self-signed',
      '-keyout',
      path.join(dataDir, 'server.key'),
      '-out',
      path.join(dataDir, 'server.crt'),
    ],
    asServer,
  );
  execFileSync('chmod', ['600', path.join(dataDir, 'server.key')], asServer);
  const certificatePem = readFileSync(path.join(dataDir, 'server.crt'), 'utf8');

  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const settings = {
      listen_addresses: '127.0.0.1',
      port: String(port),
      unix_socket_directories: root,
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      ssl: 'on',
      ssl_cert_file: 'server.crt',
      ssl_key_file: 'server.key',
      max_connections: '200',
      password_encryption: 'scram-sha-256',
    };
    const args = Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
    const postgresCmd = [path.join(binDir, 'postgres'), '-D', dataDir, ...args].map(shellQuote).join(' ');
    // Guardian: start postgres, wait for our stdin to close (we exited or called stop), then
    // fast-shutdown the server and remove the folder. Signals are ignored so cleanup finishes.
    const guardian =
      `trap '' INT TERM HUP; ${postgresCmd} >>${shellQuote(path.join(root, 'server.log'))} 2>&1 & pg=$!; ` +
      `cat >/dev/null; kill -INT $pg 2>/dev/null; wait $pg; rm -rf ${shellQuote(root)}`;
    const child = spawn('sh', ['-c', guardian], { ...(who ?? {}), stdio: ['pipe', 'ignore', 'ignore'], cwd: root });
    child.unref();
    (child.stdin as unknown as net.Socket).unref();
    try {
      await waitReady(binDir, root, port, child);
    } catch (e) {
      lastError = e;
      await closeGuardian(child, false);
      continue;
    }
    return finishSetup({ binDir, root, port, child, certificatePem });
  }
  throw new Error(`could not start test PostgreSQL: ${String(lastError)}\n${readLog(root)}`);
}

function readLog(root: string): string {
  try {
    return readFileSync(path.join(root, 'server.log'), 'utf8').slice(-4000);
  } catch {
    return '';
  }
}

async function waitReady(binDir: string, socketDir: string, port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited during startup: ${readLog(socketDir)}`);
    const r = spawnSync(path.join(binDir, 'pg_isready'), ['-q', '-h', socketDir, '-p', String(port), '-U', ADMIN_USER]);
    if (r.status === 0) {
      // The port may have been taken between freePort() and bind: the log says so.
      if (/could not bind|could not create listen socket/i.test(readLog(socketDir))) throw new Error('port in use');
      return;
    }
    await new Promise((r2) => setTimeout(r2, 100));
  }
  throw new Error(`server not ready after 30s: ${readLog(socketDir)}`);
}

function closeGuardian(child: ChildProcess, wait: boolean): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    if (wait) child.once('exit', () => resolve());
    child.stdin?.end();
    if (!wait) resolve();
  });
}

function finishSetup(o: { binDir: string; root: string; port: number; child: ChildProcess; certificatePem: string }): TestPostgres {
  const { binDir, root, port, child } = o;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const adminSql = (sql: string, database = 'postgres'): string =>
    execFileSync(
      path.join(binDir, 'psql'),
      ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', root, '-p', String(port), '-U', ADMIN_USER, '-d', database, '-c', sql],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  adminSql(`CREATE ROLE ${TEST_USER} LOGIN CREATEDB PASSWORD '${password}'`);
  adminSql(`CREATE DATABASE ${TEST_USER} OWNER ${TEST_USER}`);
  // Allow the test user to see other sessions' queries (cancel tests look at pg_stat_activity).
  adminSql(`GRANT pg_read_all_stats TO ${TEST_USER}`);
  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    user: TEST_USER,
    password,
    database: TEST_USER,
    connectionString: `postgres://${TEST_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${TEST_USER}`,
    socketDir: root,
    adminUser: ADMIN_USER,
    binDir,
    certificatePem: o.certificatePem,
    adminSql,
    async stop() {
      if (stopped) return;
      stopped = true;
      running = undefined;
      child.ref();
      await closeGuardian(child, true);
    },
  };
}
