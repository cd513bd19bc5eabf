import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoDBDataSource } from './dynamodb';
import { PaginationTokens } from './dynamodb/tokens';
import { lambdaDataSource } from './lambda';
import { noneDataSource } from './none';
import type { DataSource, LambdaHandler } from './types';

export type { DataSource, DataSourceOutcome, InvocationContext, LambdaHandler } from './types';
export { dynamoClient } from './dynamodb';

/** How a data source named in the schema is backed locally (AWS: backend.ts's addXDataSource). */
export type DataSourceConfig =
  { type: 'AMAZON_DYNAMODB'; tableName?: string } | { type: 'NONE' } | { type: 'AWS_LAMBDA'; functionName: string };

export interface DataSourceRegistryOptions {
  tableName: string;
  client: DynamoDBClient;
  lambdas: Record<string, LambdaHandler>;
  config: Record<string, DataSourceConfig>;
  tokenSecret: string;
}

/**
 * Data sources by name, created on first use. A name without explicit config is read the way
 * this project names them: a registered Lambda's name (or `<Name>DataSource` for Lambda `name`)
 * → that Lambda; `NONE…` → NONE; `…Table…`/`…Dynamo…` → DynamoDB on the API's table (the deployed
 * API has one table data source, SccTableDataSource); anything else is a startup error.
 */
export class DataSourceRegistry {
  private readonly cache = new Map<string, DataSource>();
  private readonly tokens: PaginationTokens;

  constructor(private readonly options: DataSourceRegistryOptions) {
    this.tokens = new PaginationTokens(options.tokenSecret);
  }

  configOf(name: string): DataSourceConfig {
    const explicit = this.options.config[name];
    if (explicit) return explicit;
    // 'MailerDataSource' is backed by the function 'mailer' when that is what was registered.
    const stem = name.replace(/DataSource$/, '');
    const fn = [name, stem, stem.charAt(0).toLowerCase() + stem.slice(1)].find((n) => this.options.lambdas[n]);
    if (fn) return { type: 'AWS_LAMBDA', functionName: fn };
    if (/^none/i.test(name)) return { type: 'NONE' };
    if (/table|dynamo/i.test(name)) return { type: 'AMAZON_DYNAMODB' };
    // Guessing DynamoDB for, say, a Lambda data source whose handler was not passed would fail
    // later and obscurely; refusing to start names what is missing.
    throw new Error(
      `Data source '${name}' is unknown locally: pass its Lambda in options.lambdas (as '${stem.charAt(0).toLowerCase() + stem.slice(1)}' or '${name}') or describe it in options.dataSources.`,
    );
  }

  /** Throws when the data source needs something that was not provided (a Lambda handler). */
  get(name: string): DataSource {
    let ds = this.cache.get(name);
    if (!ds) {
      ds = this.create(name, this.configOf(name));
      this.cache.set(name, ds);
    }
    return ds;
  }

  lambda(functionName: string, aliases: string[] = []): DataSource {
    const key = `λ:${functionName}`;
    let ds = this.cache.get(key);
    if (!ds) {
      const found = [functionName, ...aliases].find((n) => this.options.lambdas[n]);
      if (!found)
        throw new Error(
          `No in-process handler for Lambda function '${functionName}' (pass it in options.lambdas under ${[functionName, ...aliases].map((n) => `'${n}'`).join(' or ')}).`,
        );
      ds = lambdaDataSource(functionName, found, this.options.lambdas[found]);
      this.cache.set(key, ds);
    }
    return ds;
  }

  private create(name: string, config: DataSourceConfig): DataSource {
    switch (config.type) {
      case 'NONE':
        return noneDataSource(name);
      case 'AWS_LAMBDA': {
        const handler = this.options.lambdas[config.functionName];
        if (!handler)
          throw new Error(
            `Data source '${name}' needs the Lambda '${config.functionName}' (pass it in options.lambdas).`,
          );
        return lambdaDataSource(name, config.functionName, handler);
      }
      case 'AMAZON_DYNAMODB':
        return dynamoDBDataSource({
          name,
          tableName: config.tableName ?? this.options.tableName,
          client: this.options.client,
          tokens: this.tokens,
        });
    }
  }
}
