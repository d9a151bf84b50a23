/**
 * The vital signs each kind of device measures (LOINC codes): a reading a device of that kind
 * could not have taken (a heart rate from a weight scale) is refused. The kinds are the devices
 * domain's `DeviceKind` enum; what each measures is this domain's knowledge.
 */
export const CODES_BY_DEVICE_KIND: Readonly<Record<string, readonly string[]>> = {
  PULSE_OXIMETER: ['59408-5', '8867-4'],
  BLOOD_PRESSURE_MONITOR: ['8480-6', '8462-4', '8867-4'],
  GLUCOSE_METER: ['2339-0'],
  ECG_PATCH: ['8867-4', '9279-1'],
  THERMOMETER: ['8310-5'],
  WEIGHT_SCALE: ['29463-7'],
};

export function deviceKindMeasures(kind: string, code: string): boolean {
  return CODES_BY_DEVICE_KIND[kind]?.includes(code) ?? false;
}
