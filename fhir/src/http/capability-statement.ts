import type { CapabilityStatement } from '@medplum/fhirtypes';

/** The resource types `/fhir` reads, and the profiles they follow: exactly what is supported, nothing more. */
export const READABLE_TYPES = ['Patient', 'Observation', 'Device'] as const;
export type ReadableType = (typeof READABLE_TYPES)[number];

const PROFILES: Record<ReadableType, string[]> = {
  Patient: [],
  Device: [],
  Observation: ['heartrate', 'resprate', 'oxygensat', 'bodytemp', 'bodyweight', 'bp', 'vitalsigns'].map((name) => `http://hl7.org/fhir/StructureDefinition/${name}`),
};

/** `GET /fhir/metadata`: what this server does (R4, JSON, read of three types, bearer tokens). */
export function capabilityStatement(baseUrl: string, software: { version: string; releaseDate: string }): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: software.releaseDate,
    publisher: 'caregraph',
    kind: 'instance',
    software: { name: 'caregraph', version: software.version },
    implementation: { description: 'caregraph FHIR R4 face: computed from the same domains, rules and audit trail as its GraphQL API', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: false,
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth', display: 'OAuth' }] }],
          description: 'A bearer token the platform accepts (its OIDC provider or the development issuer), in Authorization: Bearer.',
        },
        resource: READABLE_TYPES.map((type) => ({
          type,
          ...(PROFILES[type].length > 0 ? { supportedProfile: PROFILES[type] } : {}),
          interaction: [{ code: 'read' as const }],
          versioning: 'no-version' as const,
          readHistory: false,
          updateCreate: false,
        })),
      },
    ],
  };
}
