/** Deletes a session and everything in it (DELETE /api/sessions/<id>, facilitator secret as Bearer). */
export type DeleteResult = { ok: true } | { ok: false; status: number };

export async function deleteSession(sessionId: string, secret: string): Promise<DeleteResult> {
  try {
    const res = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${secret}` },
    });
    return res.ok ? { ok: true } : { ok: false, status: res.status };
  } catch {
    return { ok: false, status: 0 };
  }
}
