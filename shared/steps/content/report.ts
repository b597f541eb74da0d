/** A content slide in the report: its title and text, where it was in the session (presenter notes stay out). */
import type { EmptyPayload } from '../emptySchema.ts';
import type { ReportSpec } from '../kind.ts';
import { blockLines, inline } from '../markdown.ts';

export const contentReport: ReportSpec<EmptyPayload> = {
  section: (_state, step) => {
    const body = blockLines(step.body);
    return [`## ${inline(step.title) || 'Dia'}`, ...(body.length ? [body.join('\n')] : [])];
  },
};
