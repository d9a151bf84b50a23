import { buildSchema, getIntrospectionQuery, parse, validate, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readEdgeConfig } from '@caregraph/platform/edge-config';
import { operationCost } from '@caregraph/router/edge/query-cost';
import { LIMIT_MESSAGES, queryLimits } from '@caregraph/router/edge/query-limits';

const schema = buildSchema(`
  type Query { patient(id: ID!): Patient }
  type Patient { id: ID!  name: String  devices: [Device!]! }
  type Device { id: ID!  assignedPatient: Patient }
`);
const defaults = readEdgeConfig({}, []);

describe('query limits at their defaults', () => {
  it('let the explorer introspect (development): introspection is exempt from depth and cost', () => {
    const introspection = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true });
    const document = parse(introspection, { maxTokens: defaults.maxTokens });
    expect(validate(schema, document, queryLimits(defaults).validationRules)).toEqual([]);
    expect(operationCost(schema, document, document.definitions[0] as OperationDefinitionNode)).toBe(0);
  });

  it('refuse with their own messages, which name no number', () => {
    const deep = `{ patient(id: "p") { ${'devices { assignedPatient { '.repeat(6)}id${' } }'.repeat(6)} } }`;
    const errors = validate(schema, parse(deep), queryLimits(defaults).validationRules);
    expect(errors.map((e) => e.message)).toEqual([LIMIT_MESSAGES.depth]);
    for (const message of Object.values(LIMIT_MESSAGES)) expect(message).not.toMatch(/\d/);
  });
});
