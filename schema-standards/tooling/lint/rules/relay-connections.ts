import type { EslintRule } from '../rule.ts';

/**
 * Connection and edge types have the Relay shape clients and our helpers (`toConnection`) rely on:
 * `XConnection { edges: [XEdge!]! pageInfo: PageInfo! }`, `XEdge { cursor: String! node: X! }`.
 * The standard's `PageInfo` is checked by `standard-definitions` (it is forward-only, so Relay's
 * backward fields are not required); the arguments by `pagination-arguments`.
 */
export const relayConnections: EslintRule = {
  kind: 'eslint',
  name: 'relay-connections',
  description: 'Connection types have `edges` and `pageInfo: PageInfo!`; edge types are named `...Edge` with `cursor` and `node`.',
  rules: {
    '@graphql-eslint/relay-connection-types': 'error',
    '@graphql-eslint/relay-edge-types': ['error', { withEdgeSuffix: true, shouldImplementNode: false, listTypeCanWrapOnlyEdgeType: false }],
  },
};
