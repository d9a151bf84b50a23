import type { DomainService } from '@caregraph/platform';
import { auditService } from '@caregraph/audit/service';
import { devicesService } from '@caregraph/devices/service';
import { observationsService } from '@caregraph/observations/service';
import { patientsService } from '@caregraph/patients/service';

/** Every domain, in dependency order (a domain's peers come before it). */
export const DOMAIN_SERVICES: readonly DomainService[] = [patientsService, devicesService, observationsService, auditService];
