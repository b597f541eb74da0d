/** Takeaway: each group writes one shared text, "Wat neem je mee?". */
import type { EmptyPayload } from '../emptySchema.ts';
import type { ExportRow, StepKindSpec } from '../kind.ts';

export const takeaway: StepKindSpec<EmptyPayload> = {
  defaultMinutes: 10,
  needsGroups: true,
  uniqueKey: () => 'takeaway',
  hasWork: (state) => {
    for (const id in state.takeaways) if (state.takeaways[id]!.text.trim() !== '') return true;
    return false;
  },
  exportRows: (state) => {
    const rows: ExportRow[] = [];
    for (const t of Object.values(state.takeaways)) {
      if (t.text.trim() === '') continue;
      rows.push({
        groupId: t.groupId,
        soort: 'meenemen',
        order: [t.updatedAt, t.groupId],
        vraag: state.content.takeawayQuestion,
        tekst: t.text,
        tijdstip: t.updatedAt,
      });
    }
    return rows;
  },
};
