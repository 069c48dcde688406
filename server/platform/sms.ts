// SMS leaves through a provider adapter: `log` (the default: writes the message to the log, for
// installations without an SMS gateway) or `http` (a generic gateway: POST {to, text} as JSON with a
// bearer token; any non-2xx answer is a failure the outbox retries with backoff).
export interface SmsSender {
  send(to: string, text: string, id: string): Promise<void>;
}

export interface SmsConfig {
  provider: 'log' | 'http';
  url?: string;
  token?: string;
}

export function createSmsSender(config: SmsConfig, log: { info(o: object, m?: string): void }): SmsSender {
  if (config.provider === 'http') {
    if (!config.url) throw new Error('SMS_PROVIDER=http needs SMS_HTTP_URL');
    const url = config.url;
    return {
      async send(to, text, id) {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': id,
            ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
          },
          body: JSON.stringify({ to, text }),
          signal: AbortSignal.timeout(10_000),
        });
        if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
      },
    };
  }
  return {
    async send(to, text) {
      log.info({ sms: { to, text } }, 'sms (log provider)');
    },
  };
}
