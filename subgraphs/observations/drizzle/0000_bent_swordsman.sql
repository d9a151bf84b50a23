CREATE SCHEMA "observations";
--> statement-breakpoint
CREATE TYPE "observations"."observation_status" AS ENUM('PRELIMINARY', 'FINAL', 'AMENDED', 'ENTERED_IN_ERROR');--> statement-breakpoint
CREATE TABLE "observations"."observations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"device_id" uuid,
	"code" text NOT NULL,
	"value" double precision NOT NULL,
	"unit" text NOT NULL,
	"effective_at" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"status" "observations"."observation_status" DEFAULT 'FINAL' NOT NULL,
	"source_id" text NOT NULL,
	"idempotency_key" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "observations_source_idempotency_key" ON "observations"."observations" USING btree ("source_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "observations_patient_code_time_idx" ON "observations"."observations" USING btree ("patient_id","code","effective_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "observations_patient_time_idx" ON "observations"."observations" USING btree ("patient_id","effective_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "observations_device_time_idx" ON "observations"."observations" USING btree ("device_id","effective_at" DESC NULLS LAST,"id" DESC NULLS LAST);