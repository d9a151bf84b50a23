-- Hand-written (drizzle-kit cannot declare PARTITION BY); the snapshot beside it is drizzle-kit's, so
-- `pnpm db:check` compares the schema with it as with any other migration. It runs in the
-- migrator's single transaction: an install converts whole or not at all, and readers and writers
-- wait for it (the rename takes an ACCESS EXCLUSIVE lock), for a time proportional to the table.
--
-- 1. The old table and its indexes step aside (index names are unique per schema).
ALTER TABLE "observations"."observations" RENAME TO "observations_unpartitioned";--> statement-breakpoint
DROP INDEX "observations"."observations_org_source_idempotency_key";--> statement-breakpoint
DROP INDEX "observations"."observations_patient_code_time_idx";--> statement-breakpoint
DROP INDEX "observations"."observations_patient_time_idx";--> statement-breakpoint
DROP INDEX "observations"."observations_device_time_idx";--> statement-breakpoint
DROP INDEX "observations"."observations_effective_brin";--> statement-breakpoint
-- 2. The partitioned table: the same columns without idempotency_key, which moves to observation_keys.
CREATE TABLE "observations"."observations" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
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
	"reported_value" double precision,
	"reported_unit" text,
	CONSTRAINT "observations_id_effective_at_pk" PRIMARY KEY("id","effective_at")
) PARTITION BY RANGE ("effective_at");--> statement-breakpoint
CREATE TABLE "observations"."observations_default" PARTITION OF "observations"."observations" DEFAULT;--> statement-breakpoint
-- 3. One partition per month (UTC) that holds data, so nothing existing lands in the default one.
-- The domain makes the months ahead itself at start-up (src/db/partitions.ts), named the same way.
DO $$
DECLARE
	month timestamp;
BEGIN
	FOR month IN
		SELECT DISTINCT date_trunc('month', "effective_at" AT TIME ZONE 'UTC') FROM "observations"."observations_unpartitioned"
	LOOP
		EXECUTE format(
			'CREATE TABLE "observations".%I PARTITION OF "observations"."observations" FOR VALUES FROM (%L) TO (%L)',
			'observations_' || to_char(month, 'YYYY_MM'),
			(month AT TIME ZONE 'UTC')::text,
			((month + interval '1 month') AT TIME ZONE 'UTC')::text
		);
	END LOOP;
END
$$;--> statement-breakpoint
-- 4. The rows, then the keys (one per observation: the old unique index guaranteed it).
INSERT INTO "observations"."observations"
	("id", "organization_id", "patient_id", "device_id", "code", "value", "unit", "effective_at", "received_at", "status", "source_id", "reported_value", "reported_unit")
SELECT "id", "organization_id", "patient_id", "device_id", "code", "value", "unit", "effective_at", "received_at", "status", "source_id", "reported_value", "reported_unit"
FROM "observations"."observations_unpartitioned";--> statement-breakpoint
CREATE TABLE "observations"."observation_keys" (
	"organization_id" uuid NOT NULL,
	"source_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"observation_id" uuid NOT NULL,
	"effective_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "observation_keys_organization_id_source_id_idempotency_key_pk" PRIMARY KEY("organization_id","source_id","idempotency_key")
);--> statement-breakpoint
INSERT INTO "observations"."observation_keys" ("organization_id", "source_id", "idempotency_key", "observation_id", "effective_at")
SELECT "organization_id", "source_id", "idempotency_key", "id", "effective_at" FROM "observations"."observations_unpartitioned";--> statement-breakpoint
-- 5. The read indexes, built once over the copied rows; on the parent, so every partition (and every
-- partition made later) has each of them.
CREATE INDEX "observations_patient_code_time_idx" ON "observations"."observations" USING btree ("patient_id","code","effective_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "observations_patient_time_idx" ON "observations"."observations" USING btree ("patient_id","effective_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "observations_device_time_idx" ON "observations"."observations" USING btree ("device_id","effective_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "observations_effective_brin" ON "observations"."observations" USING brin ("effective_at");--> statement-breakpoint
CREATE UNIQUE INDEX "observation_keys_observation_idx" ON "observations"."observation_keys" USING btree ("observation_id");--> statement-breakpoint
CREATE INDEX "observation_keys_effective_brin" ON "observations"."observation_keys" USING brin ("effective_at");--> statement-breakpoint
DROP TABLE "observations"."observations_unpartitioned";
