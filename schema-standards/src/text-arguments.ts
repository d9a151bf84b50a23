import {
  defaultFieldResolver,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badUserInput } from './errors.ts';
import { hasControlCharacters } from './validate.ts';

/** The scalars whose values are caller-written text (custom scalars parse and check their own). */
const TEXT_SCALARS = new Set(['String', 'ID']);

/**
 * Refuses every `String` and `ID` argument value holding control characters (C0 with NUL, DEL,
 * C1), at any depth of input objects and lists, before the field's resolver runs: BAD_USER_INPUT
 * naming the argument path (`filter.mrn`, `input[2].idempotencyKey`), never the value. A NUL byte
 * is what PostgreSQL cannot store in text, so without this it reached SQL and came back INTERNAL;
 * no field of caregraph takes text in which a control character means anything. Resolvers are
 * wrapped in place, and only on fields that take text at all.
 */
export function refuseControlCharacters(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const textual = field.args.filter((arg) => carriesText(arg.type, new Set()));
      if (textual.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        for (const arg of textual) checkValue(arg, args[arg.name], arg.name);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

function carriesText(type: GraphQLInputType, seen: Set<string>): boolean {
  const inner = getNullableType(type);
  if (isListType(inner)) return carriesText(inner.ofType, seen);
  if (isScalarType(inner)) return TEXT_SCALARS.has(inner.name);
  if (!isInputObjectType(inner) || seen.has(inner.name)) return false;
  seen.add(inner.name);
  return Object.values(inner.getFields()).some((field) => carriesText(field.type, seen));
}

function checkValue(arg: Pick<GraphQLArgument, 'type'>, value: unknown, path: string): void {
  if (value == null) return;
  const type = getNullableType(arg.type);
  if (isListType(type)) {
    if (Array.isArray(value)) value.forEach((item, index) => checkValue({ type: type.ofType }, item, `${path}[${index}]`));
    else checkValue({ type: type.ofType }, value, path);
    return;
  }
  if (isScalarType(type)) {
    if (TEXT_SCALARS.has(type.name) && typeof value === 'string' && hasControlCharacters(value)) {
      throw badUserInput(path, 'must not contain control characters');
    }
    return;
  }
  if (isInputObjectType(type) && typeof value === 'object') {
    const fields = type.getFields();
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (field) checkValue(field, item, `${path}.${name}`);
    }
  }
}
