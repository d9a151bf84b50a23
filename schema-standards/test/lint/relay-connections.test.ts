import { describe, expect, it } from 'vitest';
import { relayConnections } from '../../tooling/lint/rules/relay-connections.ts';
import { subgraph, violations } from './support.ts';

const PAGE_INFO = 'type PageInfo @shareable { hasNextPage: Boolean!  endCursor: String }';

describe('relay-connections', () => {
  it('passes Relay-shaped connection and edge types', () => {
    const sdl = subgraph('ok', `${PAGE_INFO}
type Device { id: ID! }
type DeviceConnection { edges: [DeviceEdge!]!  pageInfo: PageInfo! }
type DeviceEdge { cursor: String!  node: Device! }
type Query { devices(first: Int, after: String): DeviceConnection! }`);
    expect(violations(relayConnections, sdl)).toEqual([]);
  });

  it('fails a connection without pageInfo, and an edge without a cursor or the Edge suffix', () => {
    const sdl = subgraph('bad', `${PAGE_INFO}
type Device { id: ID! }
type DeviceConnection { edges: [DeviceItem!]! }
type DeviceItem { node: Device! }
type Query { devices(first: Int, after: String): DeviceConnection! }`);
    expect(violations(relayConnections, sdl)).toEqual([
      'bad: Connection type must contain a field `pageInfo` that return a non-null `PageInfo` Object type.',
      'bad: Edge type must contain a field `cursor` that return either a String, Scalar, or a non-null wrapper wrapper around one of those types.',
      'bad: Edge type must have "Edge" suffix.',
    ]);
  });
});
