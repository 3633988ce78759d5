// Job Submission webview: target (local, a running cluster, or run-transient with a cluster.json),
// the vars the playbook uses (secret ones as password fields), the rendered steps with secrets
// masked, the exact request as a dry run, and Submit. Everything shown goes in as textContent.
import './jobSubmission.css';
import { HostClient } from '../shared/client';
import { $, make } from '../shared/dom';
import {
  ListClustersRequest,
  PreviewRequest,
  StateNotification,
  SubmitRequest,
  type PreviewReply,
  type StateParams,
  type TargetKind,
  type TargetParams,
  type VarValue,
} from './protocol';

const host = new HostClient();
let previewTimer: ReturnType<typeof setTimeout> | undefined;
let previewSeq = 0;

function layout(): void {
  document.body.append(
    make('h2', { id: 'title' }, 'Submit steps'),
    section('Target', [
      labelled(
        'Run on',
        select('target', [
          ['local', 'Local (this machine)'],
          ['cluster', 'Running EMR cluster'],
          ['transient', 'Transient EMR cluster (run-transient)'],
        ]),
      ),
      row('cluster-row', [
        labelled(
          'Cluster id',
          make('input', { id: 'cluster-id', type: 'text', placeholder: 'j-…', spellcheck: 'false', maxlength: '200' }),
        ),
        make('button', { id: 'list-clusters', type: 'button' }, 'List running clusters'),
        make('select', { id: 'cluster-list', 'aria-label': 'Running clusters', hidden: '' }),
      ]),
      row('transient-row', [labelled('Cluster config', make('select', { id: 'cluster-file' }))]),
    ]),
    section('Vars', [
      make('div', { id: 'vars' }),
      labelled('Keep secret values in Secret Storage', make('input', { id: 'keep-secrets', type: 'checkbox' }), true),
    ]),
    section('Steps', [make('ol', { id: 'steps' })]),
    make('ul', { id: 'problems', role: 'alert' }),
    section('Dry run', [make('pre', { id: 'dry-run', tabindex: '0' })]),
    row('actions', [
      make('button', { id: 'submit', type: 'button', class: 'primary' }, 'Submit'),
      make('span', { id: 'status', role: 'status' }),
    ]),
  );
  $('target').addEventListener('change', () => {
    updateTargetRows();
    schedulePreview();
  });
  $('cluster-id').addEventListener('input', schedulePreview);
  $('cluster-file').addEventListener('change', schedulePreview);
  $('list-clusters').addEventListener('click', () => void listClusters());
  $('cluster-list').addEventListener('change', () => {
    ($('cluster-id') as HTMLInputElement).value = ($('cluster-list') as HTMLSelectElement).value;
    schedulePreview();
  });
  $('submit').addEventListener('click', () => void submit());
}

function section(title: string, children: HTMLElement[]): HTMLElement {
  const s = make('section');
  s.append(make('h3', {}, title), ...children);
  return s;
}
function row(id: string, children: HTMLElement[]): HTMLElement {
  const r = make('div', { id, class: 'row' });
  r.append(...children);
  return r;
}
function labelled(text: string, input: HTMLElement, after = false): HTMLElement {
  const l = make('label');
  const t = make('span', { class: 'label' }, text);
  if (after) l.append(input, t);
  else l.append(t, input);
  return l;
}
function select(id: string, options: [string, string][]): HTMLSelectElement {
  const s = make('select', { id });
  for (const [value, text] of options) s.append(make('option', { value }, text));
  return s;
}

function targetKind(): TargetKind {
  return ($('target') as HTMLSelectElement).value as TargetKind;
}

function target(): TargetParams {
  const kind = targetKind();
  if (kind === 'cluster') return { kind, clusterId: ($('cluster-id') as HTMLInputElement).value.trim() };
  if (kind === 'transient') return { kind, clusterFile: ($('cluster-file') as HTMLSelectElement).value };
  return { kind };
}

function vars(): VarValue[] {
  return [...document.querySelectorAll<HTMLInputElement>('#vars input[data-var]')].map((i) => ({
    name: i.dataset.var ?? '',
    value: i.value,
  }));
}

function updateTargetRows(): void {
  const kind = targetKind();
  $('cluster-row').hidden = kind !== 'cluster';
  $('transient-row').hidden = kind !== 'transient';
  document.body.dataset.target = kind;
  $('submit').textContent = kind === 'transient' ? 'Launch cluster and run' : kind === 'local' ? 'Run here' : 'Submit to cluster';
}

function render(s: StateParams): void {
  // A new playbook (or target) starts with no outcome from the last submission shown.
  delete document.body.dataset.submit;
  $('status').textContent = '';
  $('title').textContent = `Submit steps: ${s.file}`;
  ($('target') as HTMLSelectElement).value = s.target;
  ($('cluster-id') as HTMLInputElement).value = s.clusterId;
  const files = $('cluster-file');
  files.replaceChildren(...s.clusterFiles.map((f) => make('option', { value: f }, f)));
  if (!s.clusterFiles.length) files.append(make('option', { value: '' }, 'No *cluster*.json in the workspace'));
  const box = $('vars');
  box.replaceChildren();
  if (!s.vars.length) box.append(make('p', { class: 'hint' }, 'This playbook uses no vars.'));
  for (const v of s.vars) {
    const input = make('input', { type: v.secret ? 'password' : 'text', 'data-var': v.name, spellcheck: 'false', autocomplete: 'off' });
    input.value = v.value;
    if (v.secret) input.placeholder = v.stored ? 'kept in Secret Storage (type to replace)' : 'secret: not stored unless you ask';
    input.addEventListener('input', schedulePreview);
    const label = labelled(v.name, input);
    if (v.clusterOnly) label.classList.add('cluster-only');
    box.append(label);
  }
  updateTargetRows();
  schedulePreview(0);
}

function schedulePreview(delay: unknown = 250): void {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => void preview(), typeof delay === 'number' ? delay : 250);
}

async function preview(): Promise<void> {
  const seq = ++previewSeq;
  document.body.dataset.preview = 'loading';
  let reply: PreviewReply;
  try {
    reply = await host.request(PreviewRequest, { target: target(), vars: vars() });
  } catch (e) {
    reply = { ok: false, problems: [e instanceof Error ? e.message : String(e)], steps: [] };
  }
  if (seq !== previewSeq) return;
  const list = $('steps');
  list.replaceChildren(
    ...reply.steps.map((s) => {
      const li = make('li', { class: s.notRunnable ? 'step not-runnable' : 'step' });
      li.append(
        make('span', { class: 'name' }, s.name),
        make('span', { class: 'action' }, s.actionOnFailure),
        make('code', { class: 'jar' }, s.jar),
      );
      const args = make('ol', { class: 'args' });
      args.append(...s.args.map((a) => make('li', {}, a)));
      li.append(args);
      if (s.notRunnable) li.append(make('div', { class: 'reason' }, `Not runnable here: ${s.notRunnable}`));
      return li;
    }),
  );
  $('problems').replaceChildren(...reply.problems.map((p) => make('li', {}, p)));
  $('dry-run').textContent =
    reply.dryRun ?? (targetKind() === 'local' ? 'The local target sends no AWS request: each step runs here as a process (no shell).' : '');
  ($('submit') as HTMLButtonElement).disabled = !reply.ok;
  document.body.dataset.preview = reply.ok ? 'ok' : 'error';
}

async function listClusters(): Promise<void> {
  const sel = $('cluster-list') as HTMLSelectElement;
  $('status').textContent = 'Listing clusters…';
  try {
    const reply = await host.request(ListClustersRequest, undefined);
    sel.replaceChildren(
      make('option', { value: '' }, reply.clusters.length ? 'Pick a cluster…' : 'No running clusters'),
      ...reply.clusters.map((c) => make('option', { value: c.id }, `${c.name} (${c.id}, ${c.state})`)),
    );
    sel.hidden = false;
    $('status').textContent = reply.error ?? '';
  } catch (e) {
    $('status').textContent = e instanceof Error ? e.message : String(e);
  }
}

async function submit(): Promise<void> {
  const button = $('submit') as HTMLButtonElement;
  button.disabled = true;
  $('status').textContent = 'Submitting…';
  document.body.dataset.submit = 'running';
  try {
    const reply = await host.request(SubmitRequest, {
      target: target(),
      vars: vars(),
      keepSecrets: ($('keep-secrets') as HTMLInputElement).checked,
    });
    $('status').textContent = reply.text;
    document.body.dataset.submit = reply.submitted ? 'done' : 'declined';
  } catch (e) {
    $('status').textContent = e instanceof Error ? e.message : String(e);
    document.body.dataset.submit = 'error';
  } finally {
    button.disabled = false;
  }
}

layout();
host.on(StateNotification, render);
host.ready();
