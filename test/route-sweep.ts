// Walking every API route: concrete URLs from route patterns, and the zod shapes of their inputs.
import type { z } from 'zod';
import type { ApiRoute } from '../server/platform/http.ts';

export const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';
/** A concrete URL for a route: ids become a sample id, enum segments their first value. */
export function fillRoute(route: ApiRoute, id = SAMPLE_ID): string {
  const params = shapeOf(route.schema?.params);
  return route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const field = params?.[name];
    const def = field ? (defOf(unwrap(field)) as Def & { entries?: Record<string, string> }) : null;
    return def?.type === 'enum' && def.entries ? Object.values(def.entries)[0]! : id;
  });
}

export type Def = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType> };
export const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
export function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (
    let d = defOf(cur);
    ['optional', 'nullable', 'default', 'prefault', 'pipe'].includes(d.type) && d.innerType;
    d = defOf(cur)
  ) {
    cur = d.innerType;
  }
  return cur;
}
export function shapeOf(s: unknown): Record<string, z.ZodType> | null {
  if (!s) return null;
  const d = defOf(unwrap(s as z.ZodType));
  return d.type === 'object' && d.shape ? d.shape : null;
}
