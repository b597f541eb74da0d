import type { ZodError } from 'zod';

/** The first few problems of a refused body, for the "Dit klopt niet helemaal: …" message. */
export function describeIssues(err: ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
