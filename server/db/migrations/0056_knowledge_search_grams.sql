-- Search of knowledge-base articles in Chinese (two characters find them): the same 2-character grams
-- as tickets (text_bigrams, migration ticket_search_bigrams; pg_bigm is not in the embedded PostgreSQL).
-- title_grams holds both titles' grams (ranking the title first, and the suggestions' overlap);
-- search_grams titles and bodies. GIN without a pending list (fastupdate off), as for tickets.
CREATE FUNCTION knowledge_articles_grams() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    NEW.title_grams := text_bigrams(NEW.title_zh || E'\n' || NEW.title_en);
    NEW.search_grams := text_bigrams(NEW.title_zh || E'\n' || NEW.title_en || E'\n' || NEW.body_zh || E'\n' || NEW.body_en);
    RETURN NEW;
  END
  $$;--> statement-breakpoint
CREATE TRIGGER knowledge_articles_grams BEFORE INSERT OR UPDATE OF title_zh, title_en, body_zh, body_en
  ON knowledge_articles FOR EACH ROW EXECUTE FUNCTION knowledge_articles_grams();--> statement-breakpoint
CREATE INDEX knowledge_articles_title_grams_idx ON knowledge_articles USING gin (title_grams) WITH (fastupdate = off);--> statement-breakpoint
CREATE INDEX knowledge_articles_search_grams_idx ON knowledge_articles USING gin (search_grams) WITH (fastupdate = off);
