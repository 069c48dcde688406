// Outbound email over SMTP (nodemailer). Without SMTP_URL, messages are logged and not sent.
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Tag of the Reply-To address (reply+<tag>@domain), when a reply address is configured. */
  replyTag?: string;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** `reply@example.com` with tag `abc` → `reply+abc@example.com` (plus addressing). */
export function taggedAddress(address: string, tag: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}+${tag}${address.slice(at)}`;
}

export function createMailer(
  smtpUrl: string | undefined,
  from: string,
  log: { info(o: object, m?: string): void },
  replyTo: string | null = null,
): Mailer {
  if (!smtpUrl) {
    return {
      async send(message) {
        log.info({ to: message.to, subject: message.subject }, 'email not sent: SMTP_URL is not configured');
      },
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send({ replyTag, ...message }) {
      await transport.sendMail({
        from,
        ...(replyTo && replyTag ? { replyTo: taggedAddress(replyTo, replyTag) } : {}),
        ...message,
      });
    },
  };
}
