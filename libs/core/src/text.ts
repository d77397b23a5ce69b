/**
 * Optional free text as the product stores it: trimmed, and blank means "none" (null). `undefined` (the field
 * was not given) stays undefined, so an update can tell "leave it" from "clear it".
 */
export function clean(s: string | null): string | null;
export function clean(s: string | undefined): string | undefined;
export function clean(s: string | null | undefined): string | null | undefined;
export function clean(s: string | null | undefined): string | null | undefined {
  if (s === undefined) return undefined;
  if (s === null) return null;
  return s.trim() || null;
}
