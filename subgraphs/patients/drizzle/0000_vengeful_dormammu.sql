CREATE SCHEMA "patients";
--> statement-breakpoint
CREATE TYPE "patients"."sex" AS ENUM('FEMALE', 'MALE', 'OTHER', 'UNKNOWN');--> statement-breakpoint
CREATE TABLE "patients"."care_team_members" (
	"patient_id" uuid NOT NULL,
	"clinician_id" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"added_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_team_members_patient_id_clinician_id_pk" PRIMARY KEY("patient_id","clinician_id")
);
--> statement-breakpoint
CREATE TABLE "patients"."patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"mrn" text NOT NULL,
	"family_name" text NOT NULL,
	"given_names" text[] NOT NULL,
	"birth_date" date NOT NULL,
	"sex" "patients"."sex" NOT NULL,
	"email" text,
	"phone" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "patients"."care_team_members" ADD CONSTRAINT "care_team_members_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "patients"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_team_members_clinician_idx" ON "patients"."care_team_members" USING btree ("clinician_id","patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "patients_organization_mrn_key" ON "patients"."patients" USING btree ("organization_id","mrn");--> statement-breakpoint
CREATE INDEX "patients_organization_created_idx" ON "patients"."patients" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "patients_created_idx" ON "patients"."patients" USING btree ("created_at","id");