// Worker-thread entry of the translator: translates each { sql, options } message and posts the result,
// so a long input never blocks the thread that asked (the extension host).
import { parentPort } from 'node:worker_threads';
import { translate, type TranslateOptions } from './index';

parentPort?.on('message', (m: { id: number; sql: string; options: TranslateOptions }) => {
  parentPort!.postMessage({ id: m.id, result: translate(m.sql, m.options) });
});
