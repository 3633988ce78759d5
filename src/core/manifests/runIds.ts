// Run ids of Snowplow run manifests: `run=YYYY-MM-DD-HH-mm-ss` folders of an enriched archive.
// The SDKs store the whole S3 common prefix without the bucket, trailing slash included
// (`path/to/archive/run=2017-04-01-12-00-00/`), so ids written here use exactly that form.

export interface ArchiveLocation {
  bucket: string;
  /** Key prefix of the archive, '' or ending in '/'. */
  prefix: string;
}

/** `s3://bucket/path`, `s3n://…` or `s3a://…` (as the SDKs accept) → bucket + normalized prefix. */
export function parseArchiveUri(uri: string): ArchiveLocation {
  const m = /^s3[na]?:\/\/([^/]+)(?:\/(.*))?$/.exec(uri.trim());
  if (!m || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(m[1])) {
    throw new Error(`Not an S3 archive location (expected s3://bucket/prefix/): ${JSON.stringify(uri)}`);
  }
  let prefix = m[2] ?? '';
  if (prefix && !prefix.endsWith('/')) prefix += '/';
  return { bucket: m[1], prefix };
}

const RUN_FOLDER_RE = /^run=(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})$/;

/** The run's time (UTC as written; DFR writes the host's local time) in ms, or undefined when
 * the folder name is not the canonical `run=YYYY-MM-DD-HH-mm-ss`. */
export function runFolderTime(folder: string): number | undefined {
  const m = RUN_FOLDER_RE.exec(folder);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(t);
  // Reject 2024-02-31 and 25:00:00 instead of letting Date roll them over.
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    back.getUTCHours() !== h ||
    back.getUTCMinutes() !== mi ||
    back.getUTCSeconds() !== s
  )
    return undefined;
  return t;
}

/** Last path segment of a run id or common prefix, without the trailing slash. */
export function runFolderName(runId: string): string {
  const trimmed = runId.endsWith('/') ? runId.slice(0, -1) : runId;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** `run=YYYY-MM-DD-HH-mm-ss` for a time (UTC fields). */
export function runFolderForTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `run=${iso.slice(0, 10)}-${iso.slice(11, 13)}-${iso.slice(14, 16)}-${iso.slice(17, 19)}`;
}

/** Canonical form for comparing a manifest key with a listed folder: the Scala SDK's docs show
 * ids without the trailing slash, so both spellings name the same run. */
export function runKey(runId: string): string {
  return runId.endsWith('/') ? runId : `${runId}/`;
}
