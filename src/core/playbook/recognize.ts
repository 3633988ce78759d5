// Which files are Dataflow Runner configs: by file-name pattern (configurable; `*playbook*.json`,
// `*cluster*.json` by default) or by a `schema` naming PlaybookConfig / ClusterConfig.
import type { ConfigKind } from './model';

export interface FilePatterns {
  playbook: string[];
  cluster: string[];
}
export const DEFAULT_PATTERNS: FilePatterns = { playbook: ['*playbook*.json'], cluster: ['*cluster*.json'] };

/** A glob (`*`, `?`, `**`) as a RegExp; a pattern without "/" matches the file name only. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

export function matchesPattern(relativePath: string, pattern: string): boolean {
  const subject = pattern.includes('/') ? relativePath.replace(/\\/g, '/') : relativePath.split(/[\\/]/).pop()!;
  return globToRegExp(pattern).test(subject);
}

export function kindFromFileName(relativePath: string, patterns: FilePatterns = DEFAULT_PATTERNS): ConfigKind | undefined {
  if (patterns.playbook.some((p) => matchesPattern(relativePath, p))) return 'playbook';
  if (patterns.cluster.some((p) => matchesPattern(relativePath, p))) return 'cluster';
  return undefined;
}

export function kindFromSchemaField(text: string): ConfigKind | undefined {
  const m = /"schema"\s*:\s*"iglu:com\.snowplowanalytics\.dataflowrunner\/(PlaybookConfig|ClusterConfig)\//.exec(text.slice(0, 4096));
  return m ? (m[1] === 'PlaybookConfig' ? 'playbook' : 'cluster') : undefined;
}

/** The kind a file is expected to be, or undefined when it is no Dataflow Runner config. */
export function recognizeConfig(relativePath: string, text: string, patterns: FilePatterns = DEFAULT_PATTERNS): ConfigKind | undefined {
  return kindFromFileName(relativePath, patterns) ?? kindFromSchemaField(text);
}
