// Files hold no record of where they are used. A module whose records attach files may withhold a
// file from a caller who cannot see those records (tickets: a field engineer and the attachments of
// another's ticket). The module provides the check; server/app.ts wires it.
import type { Ctx } from '../../platform/context.ts';

/** True when the caller must not have the file (answered 404, like a missing one). */
export type FileGuard = (ctx: Ctx, fileId: string) => Promise<boolean>;

let guard: FileGuard | null = null;

export function provideFileGuard(check: FileGuard): void {
  guard = check;
}

export async function isFileWithheld(ctx: Ctx, fileId: string): Promise<boolean> {
  return guard ? guard(ctx, fileId) : false;
}
