/** The vital signs the demo data produces, with a normal range to draw values from. */
export interface DemoVital {
  code: string;
  unit: string;
  low: number;
  high: number;
  decimals: number;
}

export const DEMO_VITALS = {
  heartRate: { code: '8867-4', unit: '/min', low: 58, high: 102, decimals: 0 },
  respiratoryRate: { code: '9279-1', unit: '/min', low: 12, high: 20, decimals: 0 },
  spo2: { code: '59408-5', unit: '%', low: 93, high: 100, decimals: 0 },
  bodyTemperature: { code: '8310-5', unit: 'Cel', low: 36.1, high: 37.6, decimals: 1 },
  systolic: { code: '8480-6', unit: 'mm[Hg]', low: 102, high: 148, decimals: 0 },
  diastolic: { code: '8462-4', unit: 'mm[Hg]', low: 62, high: 94, decimals: 0 },
  glucose: { code: '2339-0', unit: 'mg/dL', low: 72, high: 165, decimals: 0 },
  bodyWeight: { code: '29463-7', unit: 'kg', low: 48, high: 112, decimals: 1 },
} satisfies Record<string, DemoVital>;

export const DEVICE_KINDS = {
  PULSE_OXIMETER: { vitals: [DEMO_VITALS.spo2, DEMO_VITALS.heartRate], models: ['OxiSense 300', 'PulseLite Mini'] },
  BLOOD_PRESSURE_MONITOR: {
    vitals: [DEMO_VITALS.systolic, DEMO_VITALS.diastolic, DEMO_VITALS.heartRate],
    models: ['CuffPro 7', 'PressureTrack BT'],
  },
  GLUCOSE_METER: { vitals: [DEMO_VITALS.glucose], models: ['GlucoCheck Connect'] },
  ECG_PATCH: { vitals: [DEMO_VITALS.heartRate, DEMO_VITALS.respiratoryRate], models: ['CardioPatch 14'] },
  THERMOMETER: { vitals: [DEMO_VITALS.bodyTemperature], models: ['ThermoDot'] },
  WEIGHT_SCALE: { vitals: [DEMO_VITALS.bodyWeight], models: ['ScaleSync 2'] },
} as const;

export type DemoDeviceKind = keyof typeof DEVICE_KINDS;
