// Server field errors (problem+json `errors[]`) onto antd Form fields; returns the message left over.
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

export function applyServerErrors(form: FormInstance, err: unknown): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  const names = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
  const fields = err.fieldErrors().filter((e) => names.has(e.field.split('.')[0] ?? ''));
  if (fields.length) {
    form.setFields(fields.map((e) => ({ name: e.field.split('.')[0] ?? e.field, errors: [e.message] })));
  }
  return err.message;
}
