import { checkOptionalText, checkText } from '@caregraph/schema-standards';
import type { NewDevice } from './db/device-repository.ts';

export interface RegisterDeviceInput {
  serialNumber: string;
  kind: NewDevice['kind'];
  model?: string | null;
  manufacturer?: string | null;
  firmwareVersion?: string | null;
}

const SERIAL = { max: 64, pattern: /^[A-Za-z0-9.-]+$/, describe: 'may contain only letters, digits, dots and dashes' };
const LABEL = { max: 100 };
const VERSION = { max: 32, pattern: /^[A-Za-z0-9.+_-]+$/, describe: 'may contain only letters, digits and . + _ -' };

export function checkRegisterDevice(input: RegisterDeviceInput): Omit<NewDevice, 'organizationId'> {
  return {
    serialNumber: checkText('input.serialNumber', input.serialNumber, SERIAL),
    kind: input.kind,
    model: checkOptionalText('input.model', input.model, LABEL),
    manufacturer: checkOptionalText('input.manufacturer', input.manufacturer, LABEL),
    firmwareVersion: checkOptionalText('input.firmwareVersion', input.firmwareVersion, VERSION),
  };
}
