// Who paid for the parts of a work order: the field module fixes the charge sheet and depends on parts,
// so it provides the SQL fragment (see field/parts-charge-read.ts for its columns) and server/app.ts
// wires it; parts never names field's table.
import type { SQL } from 'drizzle-orm';

let provided: (() => SQL) | null = null;

export function provideWorkOrderPartCharges(fragment: () => SQL): void {
  provided = fragment;
}

export function workOrderPartCharges(): SQL {
  if (!provided) throw new Error('no work-order charge query (wired in server/app.ts)');
  return provided();
}
