// The part of NLM's UCUM library (@lhncbc/ucum-lhc, which ships no types) that caregraph uses.
declare module '@lhncbc/ucum-lhc' {
  interface Conversion {
    status: 'succeeded' | 'failed' | 'error';
    toVal: number | null;
    msg: string[];
  }
  interface Validation {
    status: 'valid' | 'invalid' | 'error';
    msg: string[];
  }
  interface UcumLhcUtils {
    convertUnitTo(fromUnit: string, value: number, toUnit: string, options?: { molecularWeight?: number }): Conversion;
    validateUnitString(unit: string): Validation;
  }
  const ucum: { UcumLhcUtils: { getInstance(): UcumLhcUtils } };
  export default ucum;
}
