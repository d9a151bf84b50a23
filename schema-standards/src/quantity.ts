import { badUserInput } from './errors.ts';

/** The standard's `Quantity`: a value in a UCUM unit (https://ucum.org), FHIR Quantity-shaped. */
export interface Quantity {
  value: number;
  /** A case-sensitive UCUM code, e.g. `/min`, `%`, `mm[Hg]`, `kg`, `Cel`. */
  unit: string;
}

// The printable ASCII UCUM codes are made of (UCUM §2.1: no spaces); a full grammar check is the
// job of the domain that knows which units it accepts (e.g. observations' code table).
const UCUM_CODE = /^[!-~]{1,64}$/;

/** Builds a Quantity, rejecting values JSON cannot carry and units that cannot be UCUM codes. */
export function quantity(field: string, value: number, unit: string): Quantity {
  if (!Number.isFinite(value)) throw badUserInput(`${field}.value`, 'must be a finite number');
  if (!UCUM_CODE.test(unit)) throw badUserInput(`${field}.unit`, 'must be a UCUM unit code (printable, no spaces)');
  return { value, unit };
}
