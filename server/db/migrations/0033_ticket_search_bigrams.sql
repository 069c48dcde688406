-- Search of Chinese words of two characters (漏水, 雷击): pg_trgm needs three characters and pg_bigm
-- is not available, so each ticket keeps the distinct 2-character grams of its subject and description
-- (lower case) in search_grams, GIN-indexed; a query asks for every gram of its term (@>) and
-- rechecks the term (lower-case strpos). Without a pending list (fastupdate off): a query never scans
-- up to 4 MB of not yet merged entries, at the price of a slightly slower insert.
CREATE FUNCTION text_bigrams(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT coalesce(array_agg(DISTINCT substr(l, i, 2)), '{}'::text[])
      FROM (SELECT lower(t) AS l) s, generate_series(1, char_length(l) - 1) i
  $$;--> statement-breakpoint
CREATE FUNCTION tickets_search_grams() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    NEW.search_grams := text_bigrams(NEW.subject || E'\n' || NEW.description);
    RETURN NEW;
  END
  $$;--> statement-breakpoint
CREATE TRIGGER tickets_search_grams BEFORE INSERT OR UPDATE OF subject, description ON tickets
  FOR EACH ROW EXECUTE FUNCTION tickets_search_grams();--> statement-breakpoint
UPDATE tickets SET search_grams = text_bigrams(subject || E'\n' || description);--> statement-breakpoint
CREATE INDEX tickets_search_grams_idx ON tickets USING gin (search_grams) WITH (fastupdate = off);--> statement-breakpoint
-- Customers by two characters of their name (华润): the same grams, as an expression index.
CREATE INDEX customers_name_bigrams_idx ON customers USING gin (text_bigrams(name)) WITH (fastupdate = off);--> statement-breakpoint
-- Part of a ticket number (2026-00012): trigrams.
CREATE INDEX tickets_number_trgm_idx ON tickets USING gin (number gin_trgm_ops) WITH (fastupdate = off);--> statement-breakpoint
-- The SLA summary of tickets that existed before it was kept on the ticket.
UPDATE tickets t SET
  sla_due_at = (SELECT min(s.due_at) FROM sla_targets s WHERE s.ticket_id = t.id AND s.state = 'running'),
  sla_breached = EXISTS (SELECT 1 FROM sla_targets s WHERE s.ticket_id = t.id AND s.breached
    AND s.state IN ('running', 'paused'))
  WHERE EXISTS (SELECT 1 FROM sla_targets s WHERE s.ticket_id = t.id);
