// Proof that a mail answers one of our mails, which the From header alone is not (anyone can write
// it) and the ticket number is not (numbers are sequential): the ticket's reply token in the address
// the mail was sent to (our Reply-To, reply+<token>@…), or a Message-ID we generated in its
// In-Reply-To/References. And the verdict of the receiving MTA on the sender, when it left one.

const TOKEN = /^[0-9a-f]{32}$/;

/** The reply token in the local part of one of the addresses (`reply+<token>@domain`), if any. */
export function replyTokenIn(addresses: string[]): string | null {
  for (const address of addresses) {
    const local = address.trim().toLowerCase().split('@')[0] ?? '';
    const tag = local.slice(local.indexOf('+') + 1);
    if (local.includes('+') && TOKEN.test(tag)) return tag;
  }
  return null;
}

/**
 * The failed check of an `Authentication-Results` header (RFC 8601) — "dkim=fail", "spf=fail",
 * "dmarc=fail" — or null. Only the topmost header counts: our own MTA adds it above any the sender
 * wrote, and a forged "pass" further down proves nothing (we never trust a pass, only act on a fail).
 */
export function failedAuthentication(headerValues: string[]): string | null {
  const top = headerValues[0];
  if (!top) return null;
  const failed = /\b(dkim|spf|dmarc)\s*=\s*(fail|permerror)\b/i.exec(top);
  return failed ? `${failed[1]!.toLowerCase()}=${failed[2]!.toLowerCase()}` : null;
}
