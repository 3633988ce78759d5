// A thin, lazy wrapper around one AWS SDK v3 client: the SDK module is imported on first use (it
// is megabytes of code), the client is built once with the shared options (../clientConfig.ts),
// calls map their errors through ../errors.ts, and paged lists come back as async iterables of
// pages. One factory per service, each in its own file, so a bundle holds only the SDKs it uses.
import { awsClientConfig, type AwsClientOptions } from '../clientConfig';
import { toEngineError } from '../errors';

interface Destroyable {
  destroy(): void;
}

export class LazyAwsClient<Api, Client extends Destroyable> {
  private apiPromise?: Promise<Api>;
  private instance?: Client;

  constructor(
    /** Names the service in error messages, e.g. "Amazon EMR". */
    readonly service: string,
    private readonly load: () => Promise<Api>,
    private readonly make: (api: Api, config: Record<string, unknown>) => Client,
    private readonly options: AwsClientOptions,
  ) {}

  /** The SDK module (its Command classes), imported once. */
  api(): Promise<Api> {
    this.apiPromise ??= this.load();
    return this.apiPromise;
  }

  /** The client, built once. */
  async client(): Promise<Client> {
    const api = await this.api();
    this.instance ??= this.make(api, awsClientConfig(this.options));
    return this.instance;
  }

  /** Runs one request; an SDK error becomes an EngineError that says what went wrong and where. */
  async call<T>(request: (client: Client, api: Api) => Promise<T>): Promise<T> {
    const [client, api] = await Promise.all([this.client(), this.api()]);
    try {
      return await request(client, api);
    } catch (e) {
      throw toEngineError(e, this.service, this.options.profile);
    }
  }

  /** The pages of a paged list: `request` gets the token of the page to fetch (undefined for the
   * first); `nextToken` reads the next one from a page. Stops after the last page. */
  async *pages<Page>(
    request: (client: Client, api: Api, token: string | undefined) => Promise<Page>,
    nextToken: (page: Page) => string | undefined,
  ): AsyncIterable<Page> {
    let token: string | undefined;
    do {
      const page = await this.call((client, api) => request(client, api, token));
      yield page;
      token = nextToken(page);
    } while (token);
  }

  destroy(): void {
    this.instance?.destroy();
    this.instance = undefined;
  }
}
