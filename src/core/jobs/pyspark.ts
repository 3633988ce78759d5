// "Submit current PySpark file as a step": the S3 key the script is uploaded to, the arguments
// the user typed split like a shell would split words (quotes group; nothing is expanded), the
// spark-submit step, and the upload itself.
import type { StepConfig } from '@aws-sdk/client-emr';
import { parseS3Uri } from '../aws/clientConfig';
import { clientConfigFor, type AwsTarget } from '../clusters/awsTarget';

/** Splits `a "b c" 'd e' f\ g` into words. Quotes group, a backslash escapes one character;
 * no variables, globs or substitutions. Throws on an unclosed quote. */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += ch;
    } else if (/\s/.test(ch)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= '';
    } else if (ch === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (quote) throw new Error(`unclosed ${quote} in the arguments`);
  if (word !== undefined) out.push(word);
  return out;
}

/** `s3://bucket/jobs/` + `report.py` → `s3://bucket/jobs/report.py` (checks the prefix). */
export function scriptUri(prefix: string, fileName: string): string {
  const p = prefix.trim();
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(p)) throw new Error(`"${p}" is not an S3 prefix like s3://bucket/jobs/`);
  if (!/^[\w.-]+\.py$/.test(fileName)) throw new Error(`"${fileName}" is not a plain .py file name (letters, digits, _ . -)`);
  return `${p.endsWith('/') ? p : `${p}/`}${fileName}`;
}

export function pysparkStep(uri: string, args: string[], name = `PySpark: ${uri.split('/').pop()}`): StepConfig {
  return {
    Name: name.slice(0, 256),
    ActionOnFailure: 'CONTINUE',
    HadoopJarStep: { Jar: 'command-runner.jar', Args: ['spark-submit', '--deploy-mode', 'cluster', uri, ...args] },
  };
}

export async function uploadScript(target: AwsTarget, uri: string, body: string): Promise<void> {
  const { S3Client, PutObjectCommand } = await import('@aws-sdk/client-s3');
  const client = new S3Client(clientConfigFor(target, 's3'));
  try {
    const { bucket, key } = parseS3Uri(uri);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/x-python' }));
  } finally {
    client.destroy();
  }
}
