/**
 * Downloads a facilitator-only file (report, CSV). The secret goes in a header, never in
 * a URL, so the file is fetched and handed to the browser as a Blob.
 */
export type DownloadResult = { ok: true } | { ok: false; status: number };

/** Reads the filename from a Content-Disposition header (RFC 6266: filename* wins). */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return sanitise(decodeURIComponent(star[1].trim()));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
  const name = plain?.[1] ?? plain?.[2];
  return name ? sanitise(name.trim()) : null;
}

function sanitise(name: string): string | null {
  const clean = name.replace(/[/\\]/g, '_').replace(/[\u0000-\u001f]/g, '').trim();
  return clean === '' ? null : clean;
}

export async function downloadFile(url: string, secret: string, fallbackName: string): Promise<DownloadResult> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { Authorization: `Bearer ${secret}` } });
  } catch {
    return { ok: false, status: 0 };
  }
  if (!res.ok) return { ok: false, status: res.status };
  const blob = await res.blob();
  const name = filenameFromDisposition(res.headers.get('Content-Disposition')) ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return { ok: true };
}
