// A hostile "PostgreSQL server" for security tests: it refuses SSL ('N'), then asks for the
// password in clear text (AuthenticationCleartextPassword) and records what it receives. A
// client that never sends the password to it is safe from a server that downgrades the session.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface PasswordCatcher {
  host: string;
  port: number;
  /** Passwords received, in order. */
  received: string[];
  /** SSLRequests seen (a client that asks for TLS first). */
  sslRequests: number;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;

export async function startPasswordCatcher(host: string): Promise<PasswordCatcher> {
  const state = { received: [] as string[], sslRequests: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    let started = false;
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (!started) {
          if (buf.length < 8) return;
          const len = buf.readInt32BE(0);
          if (buf.length < len) return;
          const code = buf.readInt32BE(4);
          buf = buf.subarray(len);
          if (code === SSL_REQUEST) {
            state.sslRequests++;
            socket.write('N');
            continue;
          }
          started = true;
          // AuthenticationCleartextPassword
          const auth = Buffer.alloc(9);
          auth.write('R', 0);
          auth.writeInt32BE(8, 1);
          auth.writeInt32BE(3, 5);
          socket.write(auth);
          continue;
        }
        if (buf.length < 5) return;
        const type = String.fromCharCode(buf[0]);
        const len = buf.readInt32BE(1);
        if (buf.length < 1 + len) return;
        const body = buf.subarray(5, 1 + len);
        buf = buf.subarray(1 + len);
        if (type === 'p') {
          state.received.push(body.toString('utf8').replace(/\0$/, ''));
          const msg = Buffer.from('SFATAL\0C28P01\0Mcaught\0\0', 'utf8');
          const err = Buffer.alloc(5);
          err.write('E', 0);
          err.writeInt32BE(4 + msg.length, 1);
          socket.end(Buffer.concat([err, msg]));
        }
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  return {
    host,
    port: (server.address() as AddressInfo).port,
    get received() {
      return state.received;
    },
    get sslRequests() {
      return state.sslRequests;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** An address of this machine that is not loopback (traffic to it stays on the machine), or
 * undefined when the machine has none. */
export async function nonLoopbackAddress(): Promise<string | undefined> {
  const os = await import('node:os');
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') return a.address;
  }
  return undefined;
}
