import { DEVICE_KINDS, type DemoDevice } from '@caregraph/platform';

/** Whether a demo device takes heart rates (8867-4): ingestion refuses readings a device could not have taken. */
export function measuresHeartRate(device: DemoDevice): boolean {
  return DEVICE_KINDS[device.kind].vitals.some((vital) => vital.code === '8867-4');
}
