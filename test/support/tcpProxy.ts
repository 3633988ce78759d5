// A TCP proxy on 127.0.0.1 in front of a server (PostgreSQL), for fault tests: it can turn the
// connections it carries half-open (packets silently dropped both ways, sockets left open, as
// when a NAT or a VPN forgets the flow), reset them (RST mid-stream), or do either at random.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

interface Pair {
  client: net.Socket;
  server: net.Socket;
  /** Data in either direction is discarded: the peer sees silence, not a close. */
  silent: boolean;
}

export class TcpProxy {
  readonly host = '127.0.0.1';
  port = 0;
  /** Connections accepted so far. */
  accepted = 0;
  /** For the faults suite: each new connection goes silent with this probability after a random
   * number of forwarded chunks (0 = never). */
  silenceRate = 0;
  private readonly pairs = new Set<Pair>();
  /** Every socket either side, so stop() can end even the ones a silenced pair left open. */
  private readonly sockets = new Set<net.Socket>();
  private server?: net.Server;
  private random: () => number = Math.random;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Deterministic randomness for reproducible fault runs. */
  seed(random: () => number): void {
    this.random = random;
  }

  async start(): Promise<void> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, this.host, resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  private accept(client: net.Socket): void {
    this.accepted++;
    const server = net.connect(this.targetPort, this.targetHost);
    for (const s of [client, server]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    }
    const pair: Pair = { client, server, silent: false };
    this.pairs.add(pair);
    const silenceAfter = this.silenceRate > 0 && this.random() < this.silenceRate ? 1 + Math.floor(this.random() * 12) : -1;
    let chunks = 0;
    const forward = (from: net.Socket, to: net.Socket): void => {
      from.on('data', (chunk) => {
        if (silenceAfter >= 0 && ++chunks > silenceAfter) pair.silent = true;
        if (!pair.silent) to.write(chunk);
      });
      from.on('end', () => {
        if (!pair.silent) to.end();
      });
      from.on('error', () => undefined);
      from.on('close', () => {
        this.pairs.delete(pair);
        if (!pair.silent) to.destroy();
      });
    };
    forward(client, server);
    forward(server, client);
  }

  /** Connections open now. */
  get open(): number {
    return this.pairs.size;
  }

  /** Every connection open now goes half-open: nothing more passes either way, nothing closes.
   * New connections work normally. */
  silenceExisting(): void {
    for (const p of this.pairs) p.silent = true;
  }

  /** Every connection open now is reset (TCP RST to the client, the server side closed). */
  resetExisting(): void {
    for (const p of [...this.pairs]) {
      p.silent = true;
      p.client.resetAndDestroy();
      p.server.destroy();
      this.pairs.delete(p);
    }
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    this.pairs.clear();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
