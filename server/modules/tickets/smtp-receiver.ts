// The built-in SMTP receiver (smtp-server): accepts mail for the configured domains and hands each
// message to the email intake. Port and domains are configuration (SMTP_INBOUND_*).
import { SMTPServer } from 'smtp-server';

export interface SmtpReceiverOptions {
  port: number;
  host: string;
  /** Recipient domains accepted; empty accepts any. */
  allowedDomains: string[];
  maxBytes: number;
  /** Resolves when the mail is taken care of; a rejection answers 451 and the sender retries. */
  onMessage(raw: Buffer, envelope: { recipients: string[] }): Promise<unknown>;
  log: { error(o: object, m?: string): void };
}

export async function startSmtpReceiver(
  options: SmtpReceiverOptions,
): Promise<{ port: number; close(): Promise<void> }> {
  const domains = options.allowedDomains.map((d) => d.toLowerCase());
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    banner: 'Aftercare',
    onRcptTo(address, _session, callback) {
      const domain = address.address.split('@')[1]?.toLowerCase() ?? '';
      if (domains.length && !domains.includes(domain)) {
        const err = new Error(`mailbox ${address.address} does not exist here`) as Error & {
          responseCode: number;
        };
        err.responseCode = 550;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          const err = new Error('message too large') as Error & { responseCode: number };
          err.responseCode = 552;
          return callback(err);
        }
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        options.onMessage(Buffer.concat(chunks), { recipients }).then(
          () => callback(),
          (error: unknown) => {
            options.log.error({ err: error }, 'inbound email failed');
            const err = new Error('temporary failure, try again later') as Error & { responseCode: number };
            err.responseCode = 451;
            callback(err);
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
