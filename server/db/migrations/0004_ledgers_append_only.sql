-- The service archive and the warranty deposit ledger are append-only, like the audit log.
CREATE OR REPLACE FUNCTION forbid_change_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% rejected)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER archive_events_append_only BEFORE UPDATE OR DELETE ON archive_events
  FOR EACH ROW EXECUTE FUNCTION forbid_change_append_only();
--> statement-breakpoint
CREATE TRIGGER deposit_entries_append_only BEFORE UPDATE OR DELETE ON deposit_entries
  FOR EACH ROW EXECUTE FUNCTION forbid_change_append_only();
