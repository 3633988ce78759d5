// Playbook vars kept in the workspace: a `.vars` file next to the config (`playbook.json` →
// `playbook.vars`, lines `name=value`, `#` comments) and settings; secret vars are only names here,
// their values live in the editor's secret storage. Also how a preview masks secret values.

export interface VarsFile {
  vars: Map<string, string>;
  problems: { line: number; message: string }[];
}

/** Parses a `.vars` file. Commas are refused: the runner's --vars splits on every comma. */
export function parseVarsFile(text: string): VarsFile {
  const vars = new Map<string, string>();
  const problems: VarsFile['problems'] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    if (eq <= 0) {
      problems.push({ line: i + 1, message: 'expected name=value' });
      return;
    }
    const name = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (name.includes(',') || value.includes(',')) {
      problems.push({ line: i + 1, message: 'commas cannot be passed: Dataflow Runner splits --vars on every comma' });
      return;
    }
    vars.set(name, value);
  });
  return { vars, problems };
}

/** `path/to/nightly-playbook.json` → `path/to/nightly-playbook.vars`. */
export function varsFileFor(configPath: string): string {
  return configPath.replace(/(\.jsonc?)?$/i, '.vars');
}

/** The runner's `--vars` argument for these vars. */
export function toVarsFlag(vars: ReadonlyMap<string, string>): string {
  return [...vars].flatMap(([k, v]) => [k, v]).join(',');
}

export const SECRET_MASK = '••••••••';

/** Vars for a preview: secret values replaced by the mask, so they never reach the rendered text. */
export function maskedVars(vars: ReadonlyMap<string, string>, secretNames: ReadonlySet<string>): Map<string, string> {
  return new Map([...vars].map(([k, v]) => [k, secretNames.has(k) ? SECRET_MASK : v]));
}

/** Removes secret values from a message (an error text can quote a value). */
export function maskSecretValues(message: string, secretValues: Iterable<string>): string {
  let out = message;
  for (const v of secretValues) if (v.length > 0) out = out.split(v).join(SECRET_MASK);
  return out;
}
