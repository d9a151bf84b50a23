CREATE SCHEMA "audit";
--> statement-breakpoint
CREATE TABLE "audit"."chains" (
	"chain" text PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"last_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit"."events" (
	"id" uuid NOT NULL,
	"chain" text NOT NULL,
	"seq" bigint NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"actor_sub" text,
	"actor_role" text,
	"actor_organization_id" uuid,
	"client_id" text,
	"action" text NOT NULL,
	"resource_type" text NOT NULL,
	"resource_id" text,
	"patient_id" uuid,
	"fields" text[] NOT NULL,
	"outcome" text NOT NULL,
	"request_id" text NOT NULL,
	"trace_id" text,
	"source_address" text,
	"user_agent" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "events_chain_seq_pk" PRIMARY KEY("chain","seq")
);
--> statement-breakpoint
CREATE INDEX "events_patient_time_idx" ON "audit"."events" USING btree ("patient_id","occurred_at");--> statement-breakpoint
CREATE INDEX "events_actor_time_idx" ON "audit"."events" USING btree ("actor_sub","occurred_at");--> statement-breakpoint
CREATE INDEX "events_time_idx" ON "audit"."events" USING btree ("occurred_at");