// Step Monitor webview: one row per step (submitted here or seen on a watched cluster) with its
// live state, start, duration and failure reason; buttons open its stdout/stderr/controller log
// and cancel it while pending or running. Everything shown goes in as textContent.
import './stepMonitor.css';
import { HostClient } from '../shared/client';
import { $, make } from '../shared/dom';
import { CancelStepRequest, LOG_KINDS, OpenLogRequest, RefreshCommand, RowsNotification, type RowsParams, type RowView } from './protocol';

const host = new HostClient();

function layout(): void {
  const toolbar = make('div', { id: 'toolbar', role: 'toolbar' });
  toolbar.append(
    make('span', { id: 'summary' }),
    make('span', { id: 'polling' }),
    make('button', { id: 'refresh', type: 'button' }, 'Refresh'),
  );
  const table = make('table', { id: 'steps' });
  const head = make('tr');
  for (const h of ['Step', 'Target', 'State', 'Started', 'Duration', 'Failure reason', 'Logs', ''])
    head.append(make('th', { scope: 'col' }, h));
  const thead = make('thead');
  thead.append(head);
  table.append(thead, make('tbody', { id: 'rows' }));
  document.body.append(
    toolbar,
    make(
      'p',
      { id: 'empty', class: 'hint' },
      'No steps yet. Submit a playbook\'s steps ("Submit steps…" above a playbook) to watch them here.',
    ),
    table,
    make('div', { id: 'notice', role: 'status' }),
  );
  $('refresh').addEventListener('click', () => host.command(RefreshCommand, undefined));
}

function notice(text: string): void {
  $('notice').textContent = text;
}

function rowFor(r: RowView): HTMLTableRowElement {
  const tr = make('tr', { 'data-key': r.key, 'data-state': r.state, class: r.submittedHere ? 'mine' : 'elsewhere' });
  const name = make('td', { class: 'name' }, r.name || r.id);
  name.title = `${r.id}${r.submittedHere ? '' : ' (submitted elsewhere)'}`;
  tr.append(
    name,
    make('td', { class: 'target' }, r.target === 'local' ? 'Local' : r.target),
    make('td', { class: 'state' }, r.state),
    make('td', { class: 'started' }, r.started ? new Date(r.started).toLocaleTimeString() : ''),
    make('td', { class: 'duration' }, r.duration),
    make('td', { class: 'reason' }, r.failureReason ?? ''),
  );
  const logs = make('td', { class: 'logs' });
  for (const kind of LOG_KINDS) {
    const b = make('button', { type: 'button', class: `log log-${kind}`, title: `Open the ${kind} log` }, kind);
    b.addEventListener('click', () => {
      notice(`Opening ${kind}…`);
      host.request(OpenLogRequest, { key: r.key, kind }).then(
        () => notice(''),
        (e: unknown) => notice(e instanceof Error ? e.message : String(e)),
      );
    });
    logs.append(b);
  }
  const actions = make('td', { class: 'actions' });
  if (r.canCancel) {
    const b = make('button', { type: 'button', class: 'cancel' }, 'Cancel');
    b.addEventListener('click', () => {
      b.disabled = true;
      host.request(CancelStepRequest, { key: r.key }).then(
        (res) => notice(res.cancelled ? `Cancelling ${r.name}` : `Not cancelled: ${res.reason ?? ''}`),
        (e: unknown) => notice(e instanceof Error ? e.message : String(e)),
      );
    });
    actions.append(b);
  }
  tr.append(logs, actions);
  return tr;
}

function render(p: RowsParams): void {
  $('rows').replaceChildren(...p.rows.map(rowFor));
  $('empty').hidden = p.rows.length > 0;
  const running = p.rows.filter((r) => ['PENDING', 'RUNNING', 'CANCEL_PENDING'].includes(r.state)).length;
  $('summary').textContent = `${p.rows.length} steps, ${running} active${p.clusters.length ? ` · watching ${p.clusters.join(', ')}` : ''}`;
  $('polling').textContent = p.polling === 'running' ? 'polling' : p.polling === 'paused' ? 'paused' : '';
  document.body.dataset.active = String(running);
}

layout();
host.on(RowsNotification, render);
host.ready();
