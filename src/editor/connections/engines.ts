// One Engine per connection, created on its first query and reused afterwards. An engine is
// disposed when its connection's settings change, when the connection is removed, and on deactivate.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../../core/connections/types';
import type { Engine } from '../../core/engines/engine';
import type { ConnectionManager } from './manager';
import { inspectSetting, setting } from '../config';

interface Entry {
  /** Settings the engine was built from; a change means a new engine. */
  fingerprint: string;
  engine: Promise<Engine>;
}

/** Hosts listed in the user's own settings (never a workspace's) may get a password without TLS. */
function plaintextPasswordAllowedFor(config: ConnectionConfig): boolean {
  const host = config.kind === 'postgres' || config.kind === 'redshift' ? config.host?.trim().toLowerCase() : undefined;
  const listed = inspectSetting('security.plaintextPasswordHosts')?.globalValue;
  return host !== undefined && Array.isArray(listed) && listed.some((h) => typeof h === 'string' && h.trim().toLowerCase() === host);
}

export class EngineCache implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly storageDir: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = connections.onDidChangeConnections((list) => {
      for (const [name, entry] of this.entries) {
        const current = list.find((c) => c.name === name);
        if (!current || JSON.stringify(current) !== entry.fingerprint) void this.drop(name, 'its settings changed');
      }
    });
  }

  /** The connection's engine, connected. The first connection of a kind may take a while (the
   * local engine loads its sample data), so it runs under a cancellable progress notification. */
  async get(config: ConnectionConfig, signal?: AbortSignal): Promise<Engine> {
    const fingerprint = JSON.stringify(config);
    const existing = this.entries.get(config.name);
    if (existing && existing.fingerprint === fingerprint) return existing.engine;
    if (existing) await this.drop(config.name, 'its settings changed');
    const engine = this.create(config, signal);
    this.entries.set(config.name, { fingerprint, engine });
    try {
      return await engine;
    } catch (err) {
      // A failed or cancelled start is not cached: the next run tries again.
      if (this.entries.get(config.name)?.engine === engine) this.entries.delete(config.name);
      throw err;
    }
  }

  private async create(config: ConnectionConfig, signal?: AbortSignal): Promise<Engine> {
    const password = await this.connections.password(config);
    const { createEngine } = await import('../../core/engines/factory');
    const started = Date.now();
    let engine: Engine | undefined;
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Data Workbench: connecting to ${config.name}`, cancellable: true },
        async (progress, token) => {
          let reported = 0;
          engine = await createEngine(config, {
            password,
            allowPlaintextPassword: plaintextPasswordAllowedFor(config),
            duckdbMemoryLimitMB: setting('duckdb.memoryLimitMB'),
            cacheDir: this.storageDir.fsPath,
            log: (m) => this.log.info(`[${config.name}] ${m}`),
            onProgress: ({ fraction, message }) => {
              const pct = Math.max(0, Math.min(100, fraction * 100));
              progress.report({ message, increment: Math.max(0, pct - reported) });
              reported = Math.max(reported, pct);
            },
          });
          const controller = new AbortController();
          const onAbort = (): void => controller.abort();
          signal?.addEventListener('abort', onAbort, { once: true });
          const sub = token.onCancellationRequested(onAbort);
          try {
            await engine.connect(controller.signal);
          } finally {
            sub.dispose();
            signal?.removeEventListener('abort', onAbort);
          }
        },
      );
    } catch (err) {
      await engine?.dispose().catch(() => undefined);
      throw err;
    }
    this.log.info(`Connected to ${config.name} (${config.kind}) in ${Date.now() - started} ms`);
    return engine!;
  }

  /** Disposes a connection's engine, e.g. after its password changed or authentication failed. */
  async drop(name: string, reason: string): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) return;
    this.entries.delete(name);
    try {
      const engine = await entry.engine;
      await engine.dispose();
      this.log.info(`Closed the engine for ${name} (${reason})`);
    } catch {
      // It never started, nothing to release.
    }
  }

  async disposeAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((name) => this.drop(name, 'shutting down')));
  }

  dispose(): void {
    this.subscription.dispose();
    void this.disposeAll();
  }
}
