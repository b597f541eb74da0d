/** The takeaway in the report: each group's text under the session's takeaway question. */
import type { EmptyPayload } from '../emptySchema.ts';
import type { ReportSpec } from '../kind.ts';
import { blockLines, inline } from '../markdown.ts';

export const takeawayReport: ReportSpec<EmptyPayload> = {
  section: (state, _step, context) => {
    const out = [`## ${inline(state.content.takeawayQuestion) || 'Wat neem je mee?'}`];
    for (const group of context.groups) {
      out.push(`### ${group.label}`);
      const lines = blockLines(state.takeaways[group.groupId]?.text ?? '');
      out.push(lines.length ? lines.join('\n') : '_Geen tekst._');
    }
    return out;
  },
};
