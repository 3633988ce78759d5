// s3rver (a real S3 REST implementation) on 127.0.0.1 behind a thin "IAM" front that can deny
// GetObject for chosen access keys with S3's real 403 AccessDenied XML error, to exercise the
// Athena engine's fallback from the direct S3 read to GetQueryResults.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';

/** s3rver's built-in account: the only key pair it accepts. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface LoopbackS3 {
  endpoint: string;
  /** Admin client (s3rver's own credentials). */
  client: S3Client;
  /** Access keys whose GetObject requests get 403 AccessDenied. */
  denyGetObject: Set<string>;
  /** Added before every S3 request is handled. */
  latencyMs: number;
  /** The next `count` requests fail: `throttle` = 503 SlowDown, `internal` = 500 InternalError,
   * `drop` = socket destroyed before an answer. */
  inject(kind: 'throttle' | 'internal' | 'drop', count?: number): void;
  /** Number of GetObject requests seen (any outcome). */
  getObjectCount(): number;
  stop(): Promise<void>;
}

export async function startLoopbackS3(buckets: string[], options: { port?: number; directory?: string } = {}): Promise<LoopbackS3> {
  const directory = options.directory ?? mkdtempSync(path.join(os.tmpdir(), 'dw-s3rver-'));
  const { default: S3rver } = await import('s3rver');
  const s3rver = new S3rver({
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
    vhostBuckets: false,
    allowMismatchedSignatures: true,
  });
  await s3rver.configureBuckets();
  const handler = s3rver.callback();
  const denyGetObject = new Set<string>();
  // s3rver only knows its own key pair; accept any SigV4 key by rewriting the Authorization
  // credential, after the deny check (signatures are not verified for V4 by s3rver either).
  let gets = 0;
  const server = http.createServer((req, res) => {
    if (api.latencyMs > 0) setTimeout(() => serve(req, res), api.latencyMs);
    else serve(req, res);
  });
  const faults: ('throttle' | 'internal' | 'drop')[] = [];
  const serve = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const fault = faults.shift();
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault) {
      const [status, code] = fault === 'throttle' ? [503, 'SlowDown'] : [500, 'InternalError'];
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${code === 'SlowDown' ? 'Please reduce your request rate.' : 'We encountered an internal error. Please try again.'}</Message><RequestId>LOOPBACK</RequestId><HostId>loopback</HostId></Error>`;
      res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    const auth = req.headers.authorization ?? '';
    const key = /Credential=([^/]+)\//.exec(auth)?.[1];
    const isGetObject = req.method === 'GET' && /^\/[^/?]+\/[^?]+/.test(req.url ?? '');
    if (isGetObject) gets++;
    if (isGetObject && key && denyGetObject.has(key)) {
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>LOOPBACK</RequestId><HostId>loopback</HostId></Error>`;
      res.writeHead(403, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    if (key && key !== S3RVER_CREDENTIALS.accessKeyId)
      req.headers.authorization = auth.replace(`Credential=${key}/`, `Credential=${S3RVER_CREDENTIALS.accessKeyId}/`);
    handler(req, res);
  };
  await listen(server, options.port ?? 0);
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  const api: LoopbackS3 = {
    endpoint,
    client,
    denyGetObject,
    latencyMs: 0,
    getObjectCount: () => gets,
    inject(kind, count = 1) {
      for (let i = 0; i < count; i++) faults.push(kind);
    },
    async stop() {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      s3rver.logger?.close();
      if (!options.directory) rmSync(directory, { recursive: true, force: true });
    },
  };
  return api;
}

/** Listens on 127.0.0.1:`port` (0 = any free port); rejects when the port is taken. */
export function listen(server: http.Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
