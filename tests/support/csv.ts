/** For tests (csv-parse is not a dependency): a small RFC 4180 parser (quoted fields, "" escapes, CRLF/LF records; `;` for Dutch Excel's flavour). */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** How often each answer text occurs in the session's CSV export (rows of kind "antwoord"). */
export function answerTextCounts(csv: string): Map<string, number> {
  const [header, ...rows] = parseCsv(csv.replace(/^\uFEFF/, ''));
  const kind = header!.indexOf('soort');
  const textCol = header!.indexOf('tekst');
  const counts = new Map<string, number>();
  for (const r of rows) if (r[kind] === 'antwoord') counts.set(r[textCol]!, (counts.get(r[textCol]!) ?? 0) + 1);
  return counts;
}
