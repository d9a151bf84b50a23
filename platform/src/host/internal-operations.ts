import { createHash } from 'node:crypto';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isObjectType,
  isInterfaceType,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/** Bound on remembered answers: a router sends a small, fixed set of fetch shapes. */
const MAX_REMEMBERED = 1_000;

function isInaccessible(node: { astNode?: ASTNode | null | undefined; extensionASTNodes?: readonly ASTNode[] } | undefined): boolean {
  const nodes = [node?.astNode, ...(node?.extensionASTNodes ?? [])];
  return nodes.some((n) => n !== null && n !== undefined && 'directives' in n && (n.directives ?? []).some((d) => d.name.value === 'inaccessible'));
}

/**
 * What in a subgraph's schema is internal (@inaccessible: hidden from the router's API, for peers
 * only), and whether an operation touches any of it: a field, an argument, a type in a fragment's
 * condition or a variable's type, an input field or enum value written in the document. (Values
 * given in variables are not looked at: keep internal input fields and enum values off public
 * input types.) An operation that does not parse is refused here too: a router sends none, and
 * whatever this parser refuses is never let through on another's word.
 */
export class InternalOperations {
  private readonly types = new Set<string>();
  private readonly fields = new Set<string>();
  private readonly remembered = new Map<string, boolean>();

  constructor(private readonly schema: GraphQLSchema) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (isInaccessible(type)) this.types.add(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (isInaccessible(field)) this.fields.add(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (isInaccessible(arg)) this.fields.add(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (isInaccessible(value)) this.fields.add(`${type.name}.${value.name}`);
    }
  }

  touches(query: string): boolean {
    // Remembered by digest: a thousand documents of a megabyte each would otherwise stay in memory.
    const key = createHash('sha256').update(query).digest('base64');
    const known = this.remembered.get(key);
    if (known !== undefined) return known;
    const touched = this.check(query);
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
    this.remembered.set(key, touched);
    return touched;
  }

  private check(query: string): boolean {
    if (this.types.size === 0 && this.fields.size === 0) return false;
    let document;
    try {
      document = parse(query);
    } catch {
      return true;
    }
    const typeInfo = new TypeInfo(this.schema);
    let touched = false;
    const named = (type: GraphQLNamedType | null | undefined) => {
      if (type && this.types.has(type.name)) touched = true;
    };
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field: () => {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (parent && field && this.fields.has(`${parent.name}.${field.name}`)) touched = true;
        },
        Argument: (node) => {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (parent && field && this.fields.has(`${parent.name}.${field.name}(${node.name.value})`)) touched = true;
        },
        InlineFragment: (node) => {
          if (node.typeCondition) named(this.schema.getType(node.typeCondition.name.value));
        },
        ObjectField: (node) => {
          const parent = getNamedType(typeInfo.getParentInputType() ?? undefined);
          if (parent && this.fields.has(`${parent.name}.${node.name.value}`)) touched = true;
        },
        EnumValue: (node) => {
          const type = getNamedType(typeInfo.getInputType() ?? undefined);
          if (type && this.fields.has(`${type.name}.${node.value}`)) touched = true;
        },
        FragmentDefinition: (node) => named(this.schema.getType(node.typeCondition.name.value)),
        NamedType: (node) => named(this.schema.getType(node.name.value)),
      }),
    );
    return touched;
  }
}
