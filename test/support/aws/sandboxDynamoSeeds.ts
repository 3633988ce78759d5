// Seeds the sandbox runs against its dynalite (DynamoDB) after it starts: each gets the endpoint,
// the sandbox's dummy keys and region. The run/event manifest work appends its seed here.
import type { DynamoSeed } from './sandbox';
import { seedManifests } from '../manifests/seed';

export const dynamoSeeds: DynamoSeed[] = [
  // Run manifest (most runs processed) over an enriched archive in s3rver, and an event manifest.
  async (dynamoEndpoint, credentials, region, endpoints) => {
    await seedManifests({ s3Endpoint: endpoints.s3, dynamoEndpoint, credentials, region });
  },
];
