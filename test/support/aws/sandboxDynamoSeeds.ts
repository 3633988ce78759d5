// Seeds the sandbox runs against its dynalite (DynamoDB) after it starts: each gets the endpoint,
// the sandbox's dummy keys and region. The run/event manifest work appends its seed here.
import type { DynamoSeed } from './sandbox';

export const dynamoSeeds: DynamoSeed[] = [];
