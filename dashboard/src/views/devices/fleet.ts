import type { DeviceKind, DeviceStatus, FleetDeviceFragment } from '../../gql/graphql.ts';
import { deviceKindName } from '../../components/DeviceKinds.tsx';

export type FleetDevice = FleetDeviceFragment;

const KINDS: Record<DeviceKind, true> = {
  BLOOD_PRESSURE_MONITOR: true,
  ECG_PATCH: true,
  GLUCOSE_METER: true,
  PULSE_OXIMETER: true,
  THERMOMETER: true,
  WEIGHT_SCALE: true,
};

/** Every device kind the API knows, for the registration form (checked against the schema's enum). */
export const DEVICE_KINDS: readonly { value: DeviceKind; label: string }[] = (Object.keys(KINDS) as DeviceKind[])
  .map((value) => ({ value, label: deviceKindName(value) }))
  .sort((a, b) => a.label.localeCompare(b.label));

const STATUS_NAMES: Record<DeviceStatus, string> = { ACTIVE: 'Active', INACTIVE: 'Inactive', RETIRED: 'Retired' };

export function deviceStatusName(status: DeviceStatus): string {
  return STATUS_NAMES[status];
}

/** "Pulse oximeter PX-1001": how a device is named in messages and dialogs. */
export function deviceLabel(device: Pick<FleetDevice, 'kind' | 'serialNumber'>): string {
  return [deviceKindName(device.kind), device.serialNumber].filter(Boolean).join(' ');
}

/**
 * An assigned, active device not heard from for the stale limit is offline (an unassigned one is
 * not expected to send). The schema has no battery level.
 */
export function isOffline(device: Pick<FleetDevice, 'status' | 'lastSeenAt' | 'assignedPatient'>, staleAfterMinutes: number, now = Date.now()): boolean {
  if (device.status !== 'ACTIVE' || !device.assignedPatient) return false;
  return !device.lastSeenAt || now - Date.parse(device.lastSeenAt) > staleAfterMinutes * 60_000;
}

export interface FirmwareOfModel {
  model: string;
  versions: { version: string; count: number }[];
}

/** The firmware versions of each model among `devices`, most common first. */
export function firmwareByModel(devices: readonly FleetDevice[]): FirmwareOfModel[] {
  const models = new Map<string, Map<string, number>>();
  for (const device of devices) {
    const model = [device.manufacturer, device.model].filter(Boolean).join(' ') || deviceKindName(device.kind);
    const versions = models.get(model) ?? new Map<string, number>();
    const version = device.firmwareVersion ?? 'unknown';
    versions.set(version, (versions.get(version) ?? 0) + 1);
    models.set(model, versions);
  }
  return [...models]
    .map(([model, versions]) => ({
      model,
      versions: [...versions].map(([version, count]) => ({ version, count })).sort((a, b) => b.count - a.count || a.version.localeCompare(b.version, 'en', { numeric: true })),
    }))
    .sort((a, b) => a.model.localeCompare(b.model));
}
