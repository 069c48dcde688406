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
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export function createMailer(
  smtpUrl: string | undefined,
  from: string,
  log: { info(o: object, m?: string): void },
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
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}
