// An HTTP proxy on 127.0.0.1 in front of a loopback AWS service (dynalite, s3rver) that adds a
// fixed latency to every request, standing in for a network round trip, and can answer chosen
// requests with the service's real throttling error. For S3 it also restores real ListObjectsV2
// paging: s3rver does not count CommonPrefixes toward MaxKeys (it returns 10,000 run folders in
// one page), while S3 returns at most 1,000 keys + prefixes per page. For the faults suite it can
// also fail a random share of requests as AWS would (throttling, 5xx, dropped connections).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxiedService = 'dynamodb' | 's3';

export interface ProxiedRequest {
  method: string;
  url: string;
  /** DynamoDB: the operation (`Scan`, `PutItem`…); S3: `ListObjectsV2`, `PutObject`, … */
  operation: string;
  outcome: number | 'throttled' | 'dropped';
}

/** `drop`: the connection is cut before the request reaches the service; `dropAfterHandling`:
 * the service applied it and the answer is lost. */
export type ProxyFaultKind = 'throttle' | 'internal' | 'drop' | 'dropAfterHandling';

export interface LatencyProxy {
  endpoint: string;
  latencyMs: number;
  readonly requests: ProxiedRequest[];
  /** The next `count` requests for which `match` holds (all when absent) get a throttling error. */
  throttle(count: number, match?: (operation: string) => boolean): void;
  /** The next `count` matching requests fail this way (throttling as `throttle`). */
  inject(kind: ProxyFaultKind, count: number, match?: (operation: string) => boolean): void;
  /** Each request fails with this probability (0 = off), with one of `randomFaultKinds`;
   * `random` can be seeded so a run replays. */
  randomFaultRate: number;
  randomFaultKinds: ProxyFaultKind[];
  random: () => number;
  /** Requests seen per operation since the last reset. */
  count(operation?: string): number;
  reset(): void;
  stop(): Promise<void>;
}

const DYNAMO_THROTTLE = JSON.stringify({
  __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
  message:
    'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
});
const DYNAMO_INTERNAL = JSON.stringify({
  __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
  message: 'Internal server error',
});
const S3_INTERNAL =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message><RequestId>LOOPBACK</RequestId><HostId>loopback</HostId></Error>';
const S3_THROTTLE =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>LOOPBACK</RequestId><HostId>loopback</HostId></Error>';

function s3Operation(method: string, url: URL): string {
  const path = url.pathname.split('/').filter(Boolean);
  if (path.length <= 1) {
    if (method === 'GET' && url.searchParams.get('list-type') === '2') return 'ListObjectsV2';
    if (method === 'GET') return 'ListObjects';
    return `${method}Bucket`;
  }
  return (
    ({ GET: 'GetObject', PUT: 'PutObject', HEAD: 'HeadObject', DELETE: 'DeleteObject', POST: 'PostObject' } as Record<string, string>)[
      method
    ] ?? method
  );
}

const CAP_TOKEN = 'dwcap-';

function xmlDecode(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()];
    return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** Re-pages one s3rver ListObjectsV2 (delimiter) response as S3 would: ≤ maxKeys entries. */
export function capListPage(xml: string, maxKeys: number): string {
  const entries: { key: string; xml: string; kind: 'object' | 'prefix' }[] = [];
  for (const m of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g))
    entries.push({ key: xmlDecode(/<Key>([\s\S]*?)<\/Key>/.exec(m[1])?.[1] ?? ''), xml: m[0], kind: 'object' });
  for (const m of xml.matchAll(/<CommonPrefixes>([\s\S]*?)<\/CommonPrefixes>/g))
    entries.push({ key: xmlDecode(/<Prefix>([\s\S]*?)<\/Prefix>/.exec(m[1])?.[1] ?? ''), xml: m[0], kind: 'prefix' });
  const upstreamTruncated = /<IsTruncated>true<\/IsTruncated>/.test(xml);
  if (entries.length <= maxKeys && !upstreamTruncated) return xml;
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const kept = entries.slice(0, maxKeys);
  const last = kept[kept.length - 1];
  // After a common prefix, S3 goes on past every key beneath it.
  const next = last ? (last.kind === 'prefix' ? `${last.key}\uffff` : last.key) : '';
  const token = CAP_TOKEN + Buffer.from(next, 'utf8').toString('base64url');
  const body =
    kept
      .filter((e) => e.kind === 'object')
      .map((e) => e.xml)
      .join('') +
    kept
      .filter((e) => e.kind === 'prefix')
      .map((e) => e.xml)
      .join('');
  const start = xml.search(/<Contents>|<CommonPrefixes>/);
  const head = (start < 0 ? xml.slice(0, xml.lastIndexOf('</ListBucketResult>')) : xml.slice(0, start))
    .replace(/<NextContinuationToken>[\s\S]*?<\/NextContinuationToken>/, '')
    .replace(/<IsTruncated>\w+<\/IsTruncated>/, '<IsTruncated>true</IsTruncated>')
    .replace(/<KeyCount>\d+<\/KeyCount>/, `<KeyCount>${kept.length}</KeyCount><NextContinuationToken>${token}</NextContinuationToken>`);
  return `${head}${body}</ListBucketResult>`;
}

export async function startLatencyProxy(
  upstream: string,
  service: ProxiedService,
  options: { latencyMs?: number } = {},
): Promise<LatencyProxy> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let injections: { kind: ProxyFaultKind; remaining: number; match?: (operation: string) => boolean }[] = [];
  const requests: ProxiedRequest[] = [];

  const forward = (
    req: http.IncomingMessage,
    body: Buffer,
    path: string,
    record: ProxiedRequest,
    res: http.ServerResponse,
    capMaxKeys?: number,
    dropAnswer = false,
  ): void => {
    const headers = { ...req.headers, host: target.host };
    const out = http.request({ host: target.hostname, port: target.port, method: req.method, path, headers, agent }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        if (dropAnswer) {
          record.outcome = 'dropped';
          req.socket.destroy();
          return;
        }
        let payload = Buffer.concat(chunks);
        if (capMaxKeys !== undefined && up.statusCode === 200)
          payload = Buffer.from(capListPage(payload.toString('utf8'), capMaxKeys), 'utf8');
        record.outcome = up.statusCode ?? 0;
        const responseHeaders = { ...up.headers, 'content-length': String(payload.length) };
        delete responseHeaders['transfer-encoding'];
        res.writeHead(up.statusCode ?? 502, responseHeaders);
        res.end(payload);
      });
    });
    out.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
    out.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://proxy');
      const operation =
        service === 'dynamodb'
          ? (String(req.headers['x-amz-target'] ?? '')
              .split('.')
              .pop() ?? '')
          : s3Operation(req.method ?? 'GET', url);
      const record: ProxiedRequest = { method: req.method ?? '', url: req.url ?? '', operation, outcome: 0 };
      requests.push(record);
      const handle = (): void => {
        const injected = injections.find((t) => t.remaining > 0 && (!t.match || t.match(operation)));
        if (injected) injected.remaining--;
        const fault =
          injected?.kind ??
          (api.randomFaultRate > 0 && api.random() < api.randomFaultRate
            ? api.randomFaultKinds[Math.floor(api.random() * api.randomFaultKinds.length)]
            : undefined);
        if (fault === 'drop') {
          record.outcome = 'dropped';
          req.socket.destroy();
          return;
        }
        if (fault === 'internal') {
          record.outcome = 500;
          const [type, payload] =
            service === 'dynamodb' ? ['application/x-amz-json-1.0', DYNAMO_INTERNAL] : ['application/xml', S3_INTERNAL];
          res.writeHead(500, { 'content-type': type, 'content-length': Buffer.byteLength(payload), 'x-amzn-requestid': 'LOOPBACK' });
          res.end(payload);
          return;
        }
        if (fault === 'throttle') {
          record.outcome = 'throttled';
          const [status, type, payload] =
            service === 'dynamodb' ? [400, 'application/x-amz-json-1.0', DYNAMO_THROTTLE] : [503, 'application/xml', S3_THROTTLE];
          res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(payload), 'x-amzn-requestid': 'LOOPBACK' });
          res.end(payload);
          return;
        }
        let path = req.url ?? '/';
        let capMaxKeys: number | undefined;
        if (service === 's3' && operation === 'ListObjectsV2' && url.searchParams.has('delimiter')) {
          capMaxKeys = Math.min(1000, Number(url.searchParams.get('max-keys') ?? 1000));
          const token = url.searchParams.get('continuation-token');
          if (token?.startsWith(CAP_TOKEN)) {
            url.searchParams.delete('continuation-token');
            url.searchParams.set('start-after', Buffer.from(token.slice(CAP_TOKEN.length), 'base64url').toString('utf8'));
            path = url.pathname + url.search;
          }
        }
        forward(req, body, path, record, res, capMaxKeys, fault === 'dropAfterHandling');
      };
      if (api.latencyMs > 0) setTimeout(handle, api.latencyMs);
      else handle();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const api: LatencyProxy = {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    latencyMs: options.latencyMs ?? 0,
    requests,
    randomFaultRate: 0,
    randomFaultKinds: ['throttle', 'internal', 'drop', 'dropAfterHandling'],
    random: Math.random,
    throttle(count, match) {
      injections.push({ kind: 'throttle', remaining: count, match });
    },
    inject(kind, count, match) {
      injections.push({ kind, remaining: count, match });
    },
    count(operation) {
      return operation ? requests.filter((r) => r.operation === operation).length : requests.length;
    },
    reset() {
      requests.length = 0;
      injections = [];
      api.randomFaultRate = 0;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
  return api;
}
