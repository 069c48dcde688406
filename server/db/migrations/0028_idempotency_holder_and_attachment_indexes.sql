ALTER TABLE "idempotency_keys" ADD COLUMN "holder" uuid;--> statement-breakpoint
CREATE INDEX "ticket_messages_attachments_idx" ON "ticket_messages" USING gin ("attachment_ids");--> statement-breakpoint
CREATE INDEX "tickets_attachments_idx" ON "tickets" USING gin ("attachment_ids");