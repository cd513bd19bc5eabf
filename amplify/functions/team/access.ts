import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accessSk, TEAM_PK } from '../../data/keys';

/**
 * Records that a member's access changed at `at` (PK TEAM, SK ACCESS#<sub>, `revokedAt` in epoch
 * seconds, as a token's iat): from then on every API request refuses a token of theirs issued up
 * to that second (amplify/data/resolvers/access.ts). Written after the Cognito change it follows,
 * so a token refreshed in between carries the new groups already. Only ever raised: of two
 * changes, the later time stands, whatever order their writes land in.
 */
export type RevokeAccess = (userId: string, at: Date) => Promise<void>;

export function accessRevoker(db: DynamoDBDocumentClient, tableName: string): RevokeAccess {
  return async (userId, at) => {
    const revokedAt = Math.floor(at.getTime() / 1000);
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { PK: TEAM_PK, SK: accessSk(userId) },
          UpdateExpression: 'SET revokedAt = :at',
          ConditionExpression: 'attribute_not_exists(revokedAt) OR revokedAt < :at',
          ExpressionAttributeValues: { ':at': revokedAt },
        }),
      );
    } catch (err) {
      // A later (or same-second) change is already recorded: it covers this one.
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  };
}
