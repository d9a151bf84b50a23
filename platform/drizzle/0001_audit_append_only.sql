-- The audit log is append-only for everyone, the table owner included: UPDATE, DELETE and TRUNCATE
-- raise. (A superuser can still disable the trigger; the hash chain makes that visible to
-- `pnpm audit:verify`.) Where the application connects as its own role, also revoke the privileges.
CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit.events is append-only';
END;
$$;--> statement-breakpoint
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON audit.events
  FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();--> statement-breakpoint
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON audit.events
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit.events FROM PUBLIC;
