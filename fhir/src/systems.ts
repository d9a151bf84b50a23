/** The code and identifier systems caregraph's FHIR resources use (documented in docs/fhir.md). */
export const SYSTEMS = {
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  snomed: 'http://snomed.info/sct',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  /** HL7 v3 ObservationValue: `REDACTED` in `meta.security` marks a resource with fields left out. */
  securityObservation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
} as const;

/**
 * A patient's MRN is unique within their organization, so its identifier system names the
 * organization: `https://caregraph.dev/fhir/sid/mrn/<organization id>`.
 */
export function mrnSystem(organizationId: string): string {
  return `https://caregraph.dev/fhir/sid/mrn/${organizationId}`;
}

/** A device's serial number, unique within its organization. */
export function serialNumberSystem(organizationId: string): string {
  return `https://caregraph.dev/fhir/sid/device-serial/${organizationId}`;
}
