import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reading a synthesized cloud assembly the way CloudFormation will: the root template, its nested
 * stacks, and references between them (a nested stack's Parameter, fed by the root from another
 * nested stack's Output), so a test can follow the waiver origin to the function it reaches.
 */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Parameters?: Record<string, unknown>;
  Outputs?: Record<string, { Value: unknown }>;
}
export interface Located {
  stack: string;
  id: string;
  resource: CfnResource;
}

const ROOT = '(root)';

export class Assembly {
  readonly templates = new Map<string, CfnTemplate>();
  /** Each nested stack's parent stack. */
  private readonly parents = new Map<string, string>();
  private readonly assetsFile: string;

  constructor(readonly dir: string) {
    const files = readdirSync(dir);
    const rootFile = files.find((f) => f.endsWith('.template.json') && !f.includes('.nested.'));
    const assetsFile = files.find((f) => f.endsWith('.assets.json'));
    if (!rootFile || !assetsFile) throw new Error(`no cloud assembly in ${dir}`);
    this.assetsFile = assetsFile;
    const root = this.json<CfnTemplate>(rootFile);
    this.templates.set(ROOT, root);
    // A stack names each nested template by its asset hash; the asset manifest maps it to a file.
    // Nested stacks may nest again (Amplify Data puts each model in one), so this walks them all.
    const assets = this.json<{ files: Record<string, { source: { path: string } }> }>(assetsFile).files;
    const visit = (parentId: string, parent: CfnTemplate): void => {
      for (const [id, r] of Object.entries(parent.Resources)) {
        if (r.Type !== 'AWS::CloudFormation::Stack') continue;
        const url = JSON.stringify(r.Properties?.TemplateURL);
        const hash = Object.keys(assets).find((h) => url.includes(`${h}.json`));
        if (!hash) throw new Error(`nested stack ${id}: template not found`);
        if (this.templates.has(id)) throw new Error(`nested stack ${id}: logical id used twice`);
        const template = this.json<CfnTemplate>(assets[hash].source.path);
        this.templates.set(id, template);
        this.parents.set(id, parentId);
        visit(id, template);
      }
    };
    visit(ROOT, root);
  }

  /** The root stack's template file. */
  rootTemplateFiles(): string[] {
    return readdirSync(this.dir).filter((f) => f.endsWith('.template.json') && !f.includes('.nested.'));
  }

  /** Every nested template file the assembly holds, whether or not a stack was found for it. */
  nestedTemplateFiles(): string[] {
    return readdirSync(this.dir).filter((f) => f.endsWith('.nested.template.json'));
  }

  json<T>(file: string): T {
    return JSON.parse(this.text(file)) as T;
  }

  text(file: string): string {
    return readFileSync(join(this.dir, file), 'utf8');
  }

  /** The nested stack whose logical id starts with `name` (Amplify's auth, data, function; our storage, site). */
  stackId(name: string): string {
    const id = [...this.templates.keys()].find((k) => new RegExp(`^${name}[0-9A-F]{8}$`).test(k));
    if (!id) throw new Error(`no nested stack ${name}`);
    return id;
  }

  stack(name: string): CfnTemplate {
    return this.templates.get(this.stackId(name))!;
  }

  resources(type: string, stack?: string): Located[] {
    const out: Located[] = [];
    for (const [s, t] of this.templates) {
      if (stack && s !== this.stackId(stack)) continue;
      for (const [id, resource] of Object.entries(t.Resources))
        if (resource.Type === type) out.push({ stack: s, id, resource });
    }
    return out;
  }

  only(type: string, stack?: string): Located {
    const found = this.resources(type, stack);
    if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
    return found[0];
  }

  /**
   * Where a `{ Ref }` or `{ Fn::GetAtt }` in `stack` really points: through the stack's Parameters
   * to its parent, and from a parent into the Outputs of the nested stack that produced the value.
   */
  target(stack: string, value: unknown): { stack: string; id: string; attribute?: string } {
    const v = value as Record<string, any>;
    if (v && typeof v === 'object' && 'Fn::GetAtt' in v) {
      const [id, attribute] = v['Fn::GetAtt'] as [string, string];
      const t = this.templates.get(stack)!;
      if (t.Resources[id]?.Type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.')) {
        const output = this.templates.get(id)!.Outputs![attribute.slice('Outputs.'.length)];
        return this.target(id, output.Value);
      }
      return { stack, id, attribute };
    }
    if (v && typeof v === 'object' && 'Ref' in v) {
      const id = v.Ref as string;
      const t = this.templates.get(stack)!;
      if (t.Resources[id]) return { stack, id };
      if (t.Parameters?.[id] !== undefined && stack !== ROOT) {
        const parentId = this.parents.get(stack)!;
        const parent = this.templates.get(parentId)!.Resources[stack];
        return this.target(parentId, parent.Properties!.Parameters[id]);
      }
    }
    throw new Error(`cannot follow ${JSON.stringify(value)} in ${stack}`);
  }

  /**
   * The code an AppSync function runs: inline `Code`, or the file its `CodeS3Location` names, which
   * the asset manifest maps to a file of the assembly (what CDK uploads to that key).
   */
  appsyncCode(props: Record<string, any>): string {
    if (typeof props.Code === 'string') return props.Code;
    const location = JSON.stringify(props.CodeS3Location ?? null);
    const assets = this.json<{
      files: Record<string, { source: { path: string }; destinations: Record<string, { objectKey: string }> }>;
    }>(this.assetsFile).files;
    const found = Object.values(assets).filter((a) =>
      Object.values(a.destinations).some((d) => location.includes(`/${d.objectKey}`)),
    );
    if (found.length !== 1) throw new Error(`no single asset for ${location}`);
    return this.text(found[0].source.path);
  }

  /** The Lambda function Amplify tagged with this friendly name (a defineFunction's `name`). */
  functionNamed(name: string): Located {
    const found = this.resources('AWS::Lambda::Function').filter((l) =>
      (l.resource.Properties!.Tags ?? []).some((t: any) => t.Key === 'amplify:friendly-name' && t.Value === name),
    );
    if (found.length !== 1) throw new Error(`expected one Lambda named ${name}, found ${found.length}`);
    return found[0];
  }

  resource(at: { stack: string; id: string }): CfnResource {
    return this.templates.get(at.stack)!.Resources[at.id];
  }
}

/** Every `{ Ref | Fn::GetAtt }` object inside a value, depth first. */
export function references(value: unknown): unknown[] {
  if (!value || typeof value !== 'object') return [];
  if ('Ref' in value || 'Fn::GetAtt' in value) return [value];
  return Object.values(value).flatMap(references);
}
