-- The keyed chain (platform/src/audit/chain-key.ts). Events already stored keep their unkeyed
-- SHA-256 hashes: each chain records where they end (legacy_until), and every event after that is
-- sealed with an HMAC whose key is never in the database. The first keyed event links to the last
-- unkeyed one, so the older events are anchored too.
UPDATE audit.chains SET legacy_until = last_seq;--> statement-breakpoint
INSERT INTO audit.ledger (id) VALUES (gen_random_uuid());--> statement-breakpoint
CREATE UNIQUE INDEX ledger_one_row ON audit.ledger ((true));--> statement-breakpoint
CREATE FUNCTION audit.refuse_any_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit.% cannot be changed', TG_TABLE_NAME;
END;
$$;--> statement-breakpoint
CREATE TRIGGER ledger_unchanged BEFORE UPDATE OR DELETE ON audit.ledger
  FOR EACH ROW EXECUTE FUNCTION audit.refuse_any_change();--> statement-breakpoint
CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON audit.ledger
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_any_change();--> statement-breakpoint
-- A chain's head only moves forward: it starts empty, its sequence number only grows, its name and
-- cut-over never change, and it is never deleted. (A superuser can still disable these triggers:
-- the MACs and the published checkpoints make what they then do visible to `pnpm audit:verify`.)
CREATE FUNCTION audit.chain_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.last_seq <> 0 OR NEW.last_hash <> repeat('0', 64) OR NEW.legacy_until <> 0 THEN
      RAISE EXCEPTION 'audit.chains: a new chain starts empty';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NEW.chain <> OLD.chain OR NEW.legacy_until <> OLD.legacy_until OR NEW.last_seq <= OLD.last_seq THEN
      RAISE EXCEPTION 'audit.chains: a chain head only moves forward';
    END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit.chains: a chain head is never removed';
END;
$$;--> statement-breakpoint
CREATE TRIGGER chains_forward_only BEFORE INSERT OR UPDATE OR DELETE ON audit.chains
  FOR EACH ROW EXECUTE FUNCTION audit.chain_moves_forward();--> statement-breakpoint
CREATE TRIGGER chains_no_truncate BEFORE TRUNCATE ON audit.chains
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_any_change();--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON audit.chains FROM PUBLIC;--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit.ledger FROM PUBLIC;
