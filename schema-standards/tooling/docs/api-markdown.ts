import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';

/** The pages of the reference: file name → the kinds of type it lists. */
const PAGES = [
  { file: 'objects.md', title: 'Object types', matches: (t: GraphQLNamedType) => isObjectType(t) || isInterfaceType(t) || isUnionType(t) },
  { file: 'inputs.md', title: 'Input types', matches: isInputObjectType },
  { file: 'enums.md', title: 'Enums', matches: isEnumType },
  { file: 'scalars.md', title: 'Scalars', matches: (t: GraphQLNamedType) => isScalarType(t) && !isSpecifiedScalarType(t) },
] as const;

export interface ReferenceOptions {
  /** Header line each page starts with (the generated-file notice). */
  header: string;
  /** `Type.field` coordinates marked `@phi` in a subgraph, flagged in the reference. */
  phiFields: ReadonlySet<string>;
}

const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);
const anchor = (name: string) => name.toLowerCase();
const cell = (text: string | null | undefined) => (text ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim();

function pageOf(type: GraphQLNamedType): string {
  return PAGES.find((page) => page.matches(type))?.file ?? 'README.md';
}

/** A type reference as it is written in SDL, with its named type linked to its section. */
function typeLink(type: GraphQLType, from: string): string {
  const named = getNamedType(type);
  if (isSpecifiedScalarType(named)) return `\`${String(type)}\``;
  const page = pageOf(named);
  const href = page === from ? `#${anchor(named.name)}` : `${page}#${anchor(named.name)}`;
  const [before, after] = String(type).split(named.name);
  return `${before ? `\`${before}\`` : ''}[\`${named.name}\`](${href})${after ? `\`${after}\`` : ''}`;
}

function deprecation(element: { deprecationReason?: string | null | undefined }): string {
  return element.deprecationReason ? ` **Deprecated:** ${cell(element.deprecationReason)}` : '';
}

function argumentsList(args: readonly GraphQLArgument[], page: string): string {
  if (args.length === 0) return '';
  return `<br>Arguments: ${args.map((arg) => `\`${arg.name}\`: ${typeLink(arg.type, page)}${arg.description ? ` (${cell(arg.description)})` : ''}`).join('; ')}`;
}

function fieldsTable(typeName: string, fields: readonly (GraphQLField<unknown, unknown> | GraphQLInputField)[], page: string, options: ReferenceOptions): string[] {
  const rows = fields.map((field) => {
    const phi = options.phiFields.has(`${typeName}.${field.name}`) ? ' **PHI**' : '';
    const args = 'args' in field ? argumentsList(field.args, page) : '';
    return `| \`${field.name}\` | ${typeLink(field.type, page)} | ${cell(field.description)}${phi}${deprecation(field)}${args} |`;
  });
  return ['| field | type | description |', '| --- | --- | --- |', ...rows];
}

function typeSection(type: GraphQLNamedType, page: string, options: ReferenceOptions, title = type.name): string[] {
  // Root types have no description of their own: several subgraphs declare them.
  const lines = ROOTS.has(type.name) ? [`## ${title}`, ''] : [`## ${title}`, '', cell(type.description), ''];
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) lines.push(...fieldsTable(type.name, Object.values(type.getFields()), page, options), '');
  if (isUnionType(type)) lines.push(`One of: ${type.getTypes().map((member) => typeLink(member, page)).join(', ')}`, '');
  if (isEnumType(type)) {
    lines.push('| value | description |', '| --- | --- |', ...type.getValues().map((value) => `| \`${value.name}\` | ${cell(value.description)}${deprecation(value)} |`), '');
  }
  return lines;
}

/** The API reference as Markdown pages (file name → content), from the schema's descriptions. */
export function apiReference(schema: GraphQLSchema, options: ReferenceOptions): Map<string, string> {
  const types = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && !isSpecifiedScalarType(type) && !ROOTS.has(type.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  const pages = new Map<string, string>();
  const index = [
    options.header,
    '# caregraph API reference',
    '',
    "Every operation and type of caregraph's API (the router's schema), from the descriptions in the",
    'subgraph SDL files. **PHI** marks protected health information (`@phi`): such fields need the',
    'PHI permission, and every read is audited. The whole schema as SDL: [schema.graphql](schema.graphql).',
    '',
    ...PAGES.map((page) => `- [${page.title}](${page.file})`),
    '',
  ];
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) index.push(...typeSection(query, 'README.md', options, 'Queries'));
  if (mutation) index.push(...typeSection(mutation, 'README.md', options, 'Mutations'));
  pages.set('README.md', index.join('\n'));
  for (const page of PAGES) {
    const sections = types.filter((type) => page.matches(type)).flatMap((type) => typeSection(type, page.file, options));
    pages.set(page.file, [options.header, `# ${page.title}`, '', '[API reference](README.md)', '', ...sections].join('\n'));
  }
  return pages;
}
