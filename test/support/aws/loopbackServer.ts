// A loopback HTTP server speaking the AWS JSON 1.0/1.1 protocols (POST /, `X-Amz-Target:
// <Service>.<Operation>`, `Content-Type: application/x-amz-json-1.x`) and the query protocol
// (form-encoded `Action=…&Version=…`, XML answers; routed by the SigV4 signing name), so the
// real SDK clients run unchanged against it through an `endpoint` override. Requests must carry a well-formed SigV4
// `Authorization` header (the signature itself is not verified). Errors use the real shape:
// HTTP 400/5xx with `{"__type": "...", "message": "..."}` (plus service-specific members).
// Faults can be injected per test: latency, throttling, 5xx and dropped connections.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface RequestContext {
  accessKeyId: string;
  region: string;
  signingService: string;
}

export type OperationHandler = (body: Record<string, unknown>, ctx: RequestContext) => Promise<unknown> | unknown;

export interface ServiceDefinition {
  /** X-Amz-Target prefix, e.g. `AmazonAthena`, `RedshiftData` (query services: any unique name). */
  targetPrefix: string;
  /** Wire protocol; default `json1.1`. Query services get form fields as flat strings. */
  protocol?: 'json1.0' | 'json1.1' | 'query';
  /** Query protocol: the XML namespace and the list element name of each list-valued member
   * (e.g. `{ Clusters: 'Cluster' }`; others use `member`). */
  xml?: { namespace: string; listMembers: Record<string, string> };
  /** SigV4 signing name, e.g. `athena`, `redshift-data`. */
  signingName: string;
  /** __type of this service's throttling error. */
  throttlingType: string;
  /** Error code and status an IAM denial gets (default AccessDeniedException, 400). */
  accessDenied?: { type: string; status: number };
  operations: Record<string, OperationHandler>;
}

export type FaultKind =
  /** 400 throttling error of the service. */
  | 'throttle'
  /** 500 InternalServerException. */
  | 'internal'
  /** Socket destroyed before the request is handled. */
  | 'drop'
  /** Request handled (side effects happen), then the socket is destroyed before the response. */
  | 'dropAfterHandling';

interface PendingFault {
  kind: FaultKind;
  remaining: number;
  /** Only requests to this operation (e.g. `StartQueryExecution`); any when absent. */
  operation?: string;
}

export interface CallRecord {
  target: string;
  operation: string;
  body: Record<string, unknown>;
  accessKeyId: string;
  /** HTTP status sent, or 'dropped'. */
  outcome: number | 'dropped';
}

const AUTH_RE =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9;.-]+), ?Signature=([0-9a-f]{64})$/;

export class AwsLoopbackServer {
  readonly calls: CallRecord[] = [];
  /** Added before every request is handled. */
  latencyMs = 0;
  /** Requests to these operations wait for their promise before they are handled. */
  readonly holds = new Map<string, Promise<void>>();
  /** Access keys the "IAM" layer rejects as unknown (UnrecognizedClientException). */
  readonly invalidAccessKeys = new Set<string>();
  /** Access keys whose IAM policy allows nothing on these services (AccessDeniedException). */
  readonly deniedAccessKeys = new Set<string>();
  private readonly services = new Map<string, ServiceDefinition>();
  private faults: PendingFault[] = [];
  private server?: http.Server;
  private port = 0;

  register(service: ServiceDefinition): void {
    this.services.set(service.targetPrefix, service);
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The next `count` matching requests fail with `kind`. */
  inject(kind: FaultKind, count = 1, operation?: string): void {
    this.faults.push({ kind, remaining: count, operation });
  }

  clearFaults(): void {
    this.faults = [];
    this.randomFaultRate = 0;
    this.latencyMs = 0;
    this.holds.clear();
    this.invalidAccessKeys.clear();
    this.deniedAccessKeys.clear();
  }

  callsTo(operation: string): CallRecord[] {
    return this.calls.filter((c) => c.operation === operation);
  }

  /** Listens on 127.0.0.1:`port` (0 = a free port; the sandbox uses fixed ones). */
  async start(port = 0): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        if (!res.headersSent) this.sendError(res, new AwsServiceError('InternalServerException', String(e), 500));
      });
    });
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** Random faults for the faults suite: each request fails with this probability, with one of
   * `randomFaultKinds` (0 = off). `random` can be seeded for reproducible runs. */
  randomFaultRate = 0;
  randomFaultKinds: FaultKind[] = ['throttle', 'internal', 'drop', 'dropAfterHandling'];
  random: () => number = Math.random;

  private takeFault(operation: string): FaultKind | undefined {
    if (this.randomFaultRate > 0 && this.random() < this.randomFaultRate) {
      return this.randomFaultKinds[Math.floor(this.random() * this.randomFaultKinds.length)];
    }
    const fault = this.faults.find((f) => f.remaining > 0 && (!f.operation || f.operation === operation));
    if (!fault) return undefined;
    fault.remaining--;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault.kind;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const isQuery = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    let target = String(req.headers['x-amz-target'] ?? '');
    let service: ServiceDefinition | undefined;
    let form: URLSearchParams | undefined;
    if (isQuery) {
      // Query protocol: the service is the one whose signing name the credential scope names.
      form = new URLSearchParams(raw);
      const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
      service = [...this.services.values()].find((s) => s.protocol === 'query' && s.signingName === scope);
      target = `${service?.targetPrefix ?? scope ?? ''}.${form.get('Action') ?? ''}`;
    }
    const [prefix, operation = ''] = target.split('.');
    service ??= this.services.get(prefix);
    let body: Record<string, unknown> = {};
    const record: CallRecord = { target, operation, body, accessKeyId: '', outcome: 0 };
    this.calls.push(record);

    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    await this.holds.get(operation);
    const fault = this.takeFault(operation);
    if (fault === 'drop') {
      record.outcome = 'dropped';
      req.socket.destroy();
      return;
    }

    try {
      if (req.method !== 'POST' || !service) throw new AwsServiceError('UnknownOperationException', `Unknown target ${target}`, 400);
      const contentType =
        service.protocol === 'query'
          ? 'application/x-www-form-urlencoded'
          : `application/x-amz-json-${service.protocol === 'json1.0' ? '1.0' : '1.1'}`;
      if (!String(req.headers['content-type'] ?? '').startsWith(contentType)) {
        throw new AwsServiceError('SerializationException', `Expected Content-Type ${contentType}`, 400);
      }
      const auth = String(req.headers.authorization ?? '');
      if (!auth) throw new AwsServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
      const m = AUTH_RE.exec(auth);
      if (!m || !req.headers['x-amz-date']) {
        throw new AwsServiceError(
          'IncompleteSignatureException',
          `Authorization header requires Credential, SignedHeaders and Signature: ${auth.slice(0, 40)}`,
          400,
        );
      }
      const [, accessKeyId, , region, signingService] = m;
      record.accessKeyId = accessKeyId;
      if (signingService !== service.signingName) {
        throw new AwsServiceError(
          'InvalidSignatureException',
          `Credential should be scoped to correct service: '${service.signingName}'.`,
          403,
        );
      }
      if (this.invalidAccessKeys.has(accessKeyId)) {
        throw new AwsServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
      }
      if (this.deniedAccessKeys.has(accessKeyId)) {
        throw new AwsServiceError(
          service.accessDenied?.type ?? 'AccessDeniedException',
          `User: arn:aws:iam::123456789012:user/${accessKeyId} is not authorized to perform: ${service.signingName}:${operation} because no identity-based policy allows the ${service.signingName}:${operation} action`,
          service.accessDenied?.status ?? 400,
        );
      }
      if (fault === 'throttle') throw new AwsServiceError(service.throttlingType, 'Rate exceeded', 400);
      if (fault === 'internal')
        throw new AwsServiceError('InternalServerException', 'We encountered an internal error. Please try again.', 500);
      const handler = service.operations[operation];
      if (!handler) throw new AwsServiceError('UnknownOperationException', `Unknown operation ${operation}`, 400);
      if (form) {
        body = Object.fromEntries(form.entries());
      } else {
        try {
          body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        } catch {
          throw new AwsServiceError('SerializationException', 'Request body is not valid JSON', 400);
        }
      }
      record.body = body;
      const out = await handler(body, { accessKeyId, region, signingService });
      if (fault === 'dropAfterHandling') {
        record.outcome = 'dropped';
        req.socket.destroy();
        return;
      }
      record.outcome = 200;
      if (service.protocol === 'query')
        this.sendXml(res, 200, queryResponseXml(operation, (out ?? {}) as Record<string, unknown>, service.xml));
      else this.send(res, 200, out ?? {}, undefined, service.protocol);
    } catch (e) {
      const err =
        e instanceof AwsServiceError ? e : new AwsServiceError('InternalServerException', e instanceof Error ? e.message : String(e), 500);
      record.outcome = err.status;
      if (service?.protocol === 'query') this.sendXml(res, err.status, queryErrorXml(err, service.xml));
      else this.sendError(res, err, service?.protocol);
    }
  }

  private sendXml(res: http.ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(text), 'x-amzn-RequestId': randomUUID() });
    res.end(text);
  }

  private sendError(res: http.ServerResponse, err: AwsServiceError, protocol?: ServiceDefinition['protocol']): void {
    // JSON 1.1 services send the short __type; the SDK also accepts `Message`/`message`.
    this.send(res, err.status, { __type: err.type, message: err.message, Message: err.message, ...err.extra }, err.type, protocol);
  }

  private send(
    res: http.ServerResponse,
    status: number,
    body: unknown,
    errorType?: string,
    protocol?: ServiceDefinition['protocol'],
  ): void {
    const text = JSON.stringify(body).replace(RAW_NUMBER, '$1');
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': `application/x-amz-json-${protocol === 'json1.0' ? '1.0' : '1.1'}`,
      'Content-Length': Buffer.byteLength(text),
      'x-amzn-RequestId': randomUUID(),
    };
    if (errorType) headers['x-amzn-ErrorType'] = errorType;
    res.writeHead(status, headers);
    res.end(text);
  }
}

// AWS services written in Java send 64-bit integers as bare JSON numbers with all their digits,
// which JSON.stringify cannot do for values beyond 2^53. A handler returns rawJsonNumber(text)
// and send() writes the digits unquoted, as the real service would.
const RAW_NUMBER = /"\\u0000rawnum:(-?\d+)"/g;

export function rawJsonNumber(digits: string): string {
  if (!/^-?\d+$/.test(digits)) throw new Error(`not an integer: ${digits}`);
  return `\u0000rawnum:${digits}`;
}

// ---- query protocol (XML) ----

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A value as the query protocol writes it: structures as child elements, lists as repeated
 * `<member>` (or the shape's own element name), Dates as ISO 8601, absent values omitted. */
function toXml(name: string, value: unknown, lists: Record<string, string>): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    const item = lists[name] ?? 'member';
    return `<${name}>${value.map((v) => toXml(item, v, lists)).join('')}</${name}>`;
  }
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => toXml(k, v, lists))
      .join('')}</${name}>`;
  }
  return `<${name}>${xmlEscape(String(value))}</${name}>`;
}

function queryResponseXml(operation: string, out: Record<string, unknown>, xml: ServiceDefinition['xml']): string {
  const lists = xml?.listMembers ?? {};
  const inner = Object.entries(out)
    .map(([k, v]) => toXml(k, v, lists))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${xml?.namespace ?? ''}"><${operation}Result>${inner}</${operation}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${operation}Response>`;
}

function queryErrorXml(err: AwsServiceError, xml: ServiceDefinition['xml']): string {
  const type = err.status >= 500 ? 'Receiver' : 'Sender';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${xml?.namespace ?? ''}"><Error><Type>${type}</Type><Code>${xmlEscape(err.type)}</Code><Message>${xmlEscape(err.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
}
