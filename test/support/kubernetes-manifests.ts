import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
export const K8S_DIR = resolve(ROOT, 'deploy/k8s');

/** One Kubernetes object of deploy/k8s, with the file it came from. */
export interface Manifest {
  file: string;
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** Every object of every manifest file (kustomization.yaml, kustomize's own file, apart). */
export function readManifests(files: Record<string, string> = manifestFiles()): Manifest[] {
  return Object.entries(files).flatMap(([file, text]) =>
    parseAllDocuments(text).flatMap((document) => {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((e) => e.message).join('; ')}`);
      const value = document.toJS({ maxAliasCount: 0 }) as Omit<Manifest, 'file'> | null;
      return value ? [{ ...value, file } as Manifest] : [];
    }),
  );
}

export function manifestFiles(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(K8S_DIR)
      .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
      .map((file) => [file, readFileSync(join(K8S_DIR, file), 'utf8')]),
  );
}

/** kubernetes-models' module of a kind: `apps/v1` + `Deployment`, core `v1` + `Service`. */
const modelPath = (manifest: Pick<Manifest, 'apiVersion' | 'kind'>) => `kubernetes-models/${manifest.apiVersion}/${manifest.kind}`;

/**
 * Validates one object against the Kubernetes API schema of its kind (kubernetes-models' JSON
 * schemas): types, required fields, formats, enums. Throws with the schema's complaint.
 */
export async function validateAgainstSchema(manifest: Manifest): Promise<void> {
  const module = (await import(modelPath(manifest))) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = module[manifest.kind];
  if (!Model) throw new Error(`${manifest.file}: no model for ${manifest.apiVersion} ${manifest.kind}`);
  const { file: _file, ...object } = manifest;
  new Model(object).validate();
}

/**
 * Fields the Kubernetes API does not know, by path (`spec.template.spec.containers.0.readinesProbe`).
 * The API schemas allow unknown fields, and the API server drops them silently (a typo in
 * `readOnlyRootFilesystem` would deploy a writable container), so every field of every object is
 * looked up in kubernetes-models' type declarations, as `kubectl --validate=strict` would.
 */
export class UnknownFieldChecker {
  private readonly checker: ts.TypeChecker;
  private readonly types = new Map<string, ts.Type>();

  constructor(kinds: Pick<Manifest, 'apiVersion' | 'kind'>[]) {
    const unique = [...new Map(kinds.map((kind) => [modelPath(kind), kind])).values()];
    const source = unique.map((kind, i) => `import type { I${kind.kind} as T${i} } from '${modelPath(kind)}';\nexport declare const v${i}: T${i};`).join('\n');
    const fileName = join(ROOT, 'test/support/__kubernetes-kinds__.ts');
    const options: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true, types: [] };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    host.readFile = (name) => (name === fileName ? source : readFile(name));
    const exists = host.fileExists.bind(host);
    host.fileExists = (name) => name === fileName || exists(name);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version) => (name === fileName ? ts.createSourceFile(name, source, version) : getSourceFile(name, version));
    const program = ts.createProgram({ rootNames: [fileName], options, host });
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(fileName));
    if (diagnostics.length > 0) throw new Error(ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, '\n'));
    this.checker = program.getTypeChecker();
    const exported = this.checker.getExportsOfModule(this.checker.getSymbolAtLocation(program.getSourceFile(fileName)!)!);
    unique.forEach((kind, i) => {
      const symbol = exported.find((candidate) => candidate.name === `v${i}`)!;
      this.types.set(modelPath(kind), this.checker.getTypeOfSymbol(symbol));
    });
  }

  unknownFields(manifest: Manifest): string[] {
    const { file: _file, ...object } = manifest;
    const type = this.types.get(modelPath(manifest));
    if (!type) throw new Error(`no type for ${manifest.apiVersion} ${manifest.kind}`);
    const unknown: string[] = [];
    this.walk(object, type, [], unknown);
    return unknown;
  }

  private walk(value: unknown, type: ts.Type, path: string[], unknown: string[]): void {
    const checker = this.checker;
    const declared = checker.getNonNullableType(type);
    if (Array.isArray(value)) {
      const element = checker.isArrayType(declared) ? checker.getTypeArguments(declared as ts.TypeReference)[0] : undefined;
      if (element) value.forEach((item, i) => this.walk(item, element, [...path, String(i)], unknown));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    // A union of object shapes (rare in the API types): a field is known if any member knows it.
    const members = declared.isUnion() ? declared.types.filter((member) => member.flags & ts.TypeFlags.Object) : [declared];
    for (const [key, child] of Object.entries(value)) {
      const property = members.map((member) => checker.getPropertyOfType(member, key)).find(Boolean);
      if (property) {
        this.walk(child, checker.getTypeOfSymbol(property), [...path, key], unknown);
        continue;
      }
      const index = members.map((member) => checker.getIndexInfoOfType(member, ts.IndexKind.String)).find(Boolean);
      if (index) this.walk(child, index.type, [...path, key], unknown);
      else unknown.push([...path, key].join('.'));
    }
  }
}
