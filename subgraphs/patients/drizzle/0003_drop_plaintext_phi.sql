DROP INDEX "patients"."patients_organization_mrn_key";--> statement-breakpoint
ALTER TABLE "patients"."patients" DROP COLUMN "mrn";--> statement-breakpoint
ALTER TABLE "patients"."patients" DROP COLUMN "family_name";--> statement-breakpoint
ALTER TABLE "patients"."patients" DROP COLUMN "given_names";--> statement-breakpoint
ALTER TABLE "patients"."patients" DROP COLUMN "birth_date";--> statement-breakpoint
ALTER TABLE "patients"."patients" DROP COLUMN "email";--> statement-breakpoint
ALTER TABLE "patients"."patients" DROP COLUMN "phone";