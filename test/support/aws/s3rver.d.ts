// Minimal typing for s3rver 3.x (ships none): only what test/support/aws/s3.ts uses.
declare module 's3rver' {
  import type http from 'node:http';
  export default class S3rver {
    constructor(options: Record<string, unknown>);
    configureBuckets(): Promise<unknown>;
    callback(): (req: http.IncomingMessage, res: http.ServerResponse) => void;
    logger?: { close(): void };
  }
}
