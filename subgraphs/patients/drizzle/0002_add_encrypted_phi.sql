CREATE TABLE "patients"."patient_keys" (
	"patient_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"kek_id" text NOT NULL,
	"kek_version" integer NOT NULL,
	"wrapped_key" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"rotated_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "patients"."patients" ADD COLUMN "name_enc" text NOT NULL;--> statement-breakpoint
ALTER TABLE "patients"."patients" ADD COLUMN "birth_date_enc" text NOT NULL;--> statement-breakpoint
ALTER TABLE "patients"."patients" ADD COLUMN "mrn_enc" text NOT NULL;--> statement-breakpoint
ALTER TABLE "patients"."patients" ADD COLUMN "contact_enc" text;--> statement-breakpoint
ALTER TABLE "patients"."patients" ADD COLUMN "mrn_index" text NOT NULL;--> statement-breakpoint
ALTER TABLE "patients"."patients" ADD COLUMN "email_index" text;--> statement-breakpoint
ALTER TABLE "patients"."patient_keys" ADD CONSTRAINT "patient_keys_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "patients"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patient_keys_kek_version_idx" ON "patients"."patient_keys" USING btree ("kek_version");--> statement-breakpoint
CREATE UNIQUE INDEX "patients_organization_mrn_index_key" ON "patients"."patients" USING btree ("organization_id","mrn_index");--> statement-breakpoint
CREATE INDEX "patients_organization_email_index_idx" ON "patients"."patients" USING btree ("organization_id","email_index");