import { log, type RequestInfo, type SubgraphTransport } from '@caregraph/platform';

const MARK_DEVICES_SEEN = 'mutation MarkDevicesSeen($deviceIds: [ID!]!) { markDevicesSeen(deviceIds: $deviceIds) }';

export type DevicesSeen = (deviceIds: readonly string[], request: RequestInfo) => Promise<void>;

/**
 * Tells the devices domain, as the caller, that these devices were just heard from (their
 * `lastSeenAt`). After the readings are committed, and best effort: a reading is never refused or
 * lost because the devices domain is unavailable; the next batch moves `lastSeenAt` again.
 */
export function devicesSeenVia(devices: SubgraphTransport): DevicesSeen {
  return async (deviceIds, request) => {
    if (deviceIds.length === 0) return;
    try {
      const result = await devices.execute({ query: MARK_DEVICES_SEEN, variables: { deviceIds: [...deviceIds] } }, request);
      if (result.errors?.length) log.warn({ service: devices.name, code: result.errors[0]?.extensions?.['code'] ?? null }, 'devices not marked seen');
    } catch (error) {
      log.warn({ service: devices.name, detail: error instanceof Error ? error.message : String(error) }, 'devices not marked seen');
    }
  };
}
