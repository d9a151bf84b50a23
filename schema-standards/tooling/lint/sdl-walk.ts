import {
  Kind,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InterfaceTypeDefinitionNode,
  type InterfaceTypeExtensionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type TypeNode,
} from 'graphql';

export type ObjectLikeNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode | InterfaceTypeDefinitionNode | InterfaceTypeExtensionNode;

const OBJECT_LIKE_KINDS = new Set<string>([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.OBJECT_TYPE_EXTENSION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_EXTENSION,
]);

/** Output types (objects and interfaces, extensions included) of one SDL document. */
export function outputTypes(document: DocumentNode): ObjectLikeNode[] {
  return document.definitions.filter((node): node is ObjectLikeNode => OBJECT_LIKE_KINDS.has(node.kind));
}

/** Every output field of a document with the type that declares it. */
export function* outputFields(document: DocumentNode): Generator<{ type: ObjectLikeNode; field: FieldDefinitionNode }> {
  for (const type of outputTypes(document)) {
    for (const field of type.fields ?? []) yield { type, field };
  }
}

export function directive(node: { directives?: readonly ConstDirectiveNode[] | undefined }, name: string): ConstDirectiveNode | undefined {
  return node.directives?.find((d) => d.name.value === name);
}

export const hasDirective = (node: { directives?: readonly ConstDirectiveNode[] | undefined }, name: string) =>
  directive(node, name) !== undefined;

/** The string value of a directive argument, when it is a string literal. */
export function stringArgument(node: ConstDirectiveNode | undefined, name: string): string | undefined {
  const value = node?.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

export function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

export function isList(type: TypeNode): boolean {
  if (type.kind === Kind.NON_NULL_TYPE) return isList(type.type);
  return type.kind === Kind.LIST_TYPE;
}

export const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** Names of the fields of each `@key(fields: "...")` of a type (nested selections not supported). */
export function keyFields(type: ObjectLikeNode): Set<string> {
  const fields = new Set<string>();
  for (const key of type.directives?.filter((d) => d.name.value === 'key') ?? []) {
    for (const name of (stringArgument(key, 'fields') ?? '').split(/\s+/)) if (name) fields.add(name);
  }
  return fields;
}
