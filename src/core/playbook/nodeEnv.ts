// The RenderEnv of a real process, as the runner sees it: the wall clock, process.env, and files read
// relative to the working directory, with Go's error texts for unreadable files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RenderEnv } from './render';

const GO_ERRNO: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
};

export function nodeRenderEnv(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): RenderEnv {
  return {
    now: () => Date.now(),
    getenv: (name) => env[name],
    readFile: (file) => {
      try {
        return readFileSync(path.resolve(cwd, file));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        if (code === 'EISDIR') throw new Error(`read ${file}: is a directory`);
        throw new Error(`open ${file}: ${GO_ERRNO[code] ?? (e as Error).message}`);
      }
    },
  };
}
