import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The Lambdas' DynamoDB document client, shared by the waiver and retention Lambdas. On AWS,
 * `endpoint` is unset and the SDK uses the region's endpoint and the function's role; locally it
 * points at DynamoDB Local, which accepts any credentials.
 */
export function documentClient(options: { region?: string; endpoint?: string }): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: options.region ?? 'us-east-1',
    ...(options.endpoint
      ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
