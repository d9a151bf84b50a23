CREATE TABLE "observations"."erased_patients" (
	"patient_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"erased_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "observations"."observation_revisions" (
	"observation_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"organization_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"value" double precision NOT NULL,
	"unit" text NOT NULL,
	"status" "observations"."observation_status" NOT NULL,
	"reason" text NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "observation_revisions_observation_id_revision_pk" PRIMARY KEY("observation_id","revision")
);
--> statement-breakpoint
DROP INDEX "observations"."observations_source_idempotency_key";--> statement-breakpoint
ALTER TABLE "observations"."observations" ADD COLUMN "reported_value" double precision;--> statement-breakpoint
ALTER TABLE "observations"."observations" ADD COLUMN "reported_unit" text;--> statement-breakpoint
CREATE INDEX "observation_revisions_patient_idx" ON "observations"."observation_revisions" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "observations_org_source_idempotency_key" ON "observations"."observations" USING btree ("organization_id","source_id","idempotency_key");