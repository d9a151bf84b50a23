import { describe, expect, it } from 'vitest';
import { naming } from '../../tooling/lint/rules/naming.ts';
import { subgraph, violations } from './support.ts';

describe('naming', () => {
  const rule = naming;

  it('passes PascalCase types, camelCase fields, SCREAMING_SNAKE enum values and ...Input inputs', () => {
    const sdl = subgraph('ok', `
type DeviceModel { serialNumber: String  kind: DeviceKind }
enum DeviceKind { PULSE_OXIMETER  ECG_PATCH }
input RegisterDeviceInput { serialNumber: String! }
input DeviceFilterInput { serialNumber: String }
type Query { deviceModels(filter: DeviceFilterInput, input: RegisterDeviceInput): [DeviceModel!]! }`);
    expect(violations(rule, sdl)).toEqual([]);
  });

  it('fails every other spelling', () => {
    const sdl = subgraph('bad', `
type device_model { serial_number: String  kind: DeviceKind }
enum DeviceKind { pulseOximeter }
input RegisterDevice { SerialNumber: String! }
input LegacyFilter { serialNumber: String }
type Query { _models: [device_model!]! }`);
    expect(violations(rule, sdl)).toEqual([
      'bad: Type "device_model" should be in PascalCase format',
      'bad: Field "serial_number" should be in camelCase format',
      'bad: Enum value "pulseOximeter" should be in UPPER_CASE format',
      'bad: Input "RegisterDevice" should have "Input" suffix',
      'bad: Input value "SerialNumber" should be in camelCase format',
      'bad: Input "LegacyFilter" should have "Input" suffix',
      'bad: Field "_models" should be in camelCase format',
      'bad: Leading underscores are not allowed',
    ]);
  });
});
