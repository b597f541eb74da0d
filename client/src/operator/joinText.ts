/**
 * How the join details are written wherever they are shown (the console's header, the
 * screen's lobby and its corner), so the code, the address and the QR code read the same
 * in every place.
 */

/** What every place that tells people how to join is given. */
export interface JoinInfo {
  code: string;
  joinUrl: string;
  /** The QR code's image (the join address chosen on this device, if any). */
  qrSrc?: string;
}

/** The server's QR code for the code, drawn for the address it suggests. */
export const defaultQrSrc = (code: string): string => `/api/join/${encodeURIComponent(code)}/qr.svg`;

export const qrSource = ({ code, qrSrc }: Pick<JoinInfo, 'code' | 'qrSrc'>): string => qrSrc ?? defaultQrSrc(code);

/** Read aloud and typed on phones: a six-letter code as two groups of three ("ABC 234"). */
export const spacedCode = (code: string): string => (code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code);

/** For screen readers: letter by letter ("A B C 2 3 4"), not as a word. */
export const codeLetters = (code: string): string => code.split('').join(' ');

/** The address without "https://", as people type it. */
export const addressText = (joinUrl: string): string => joinUrl.replace(/^https?:\/\//, '');

/** Only the host ("samenspraak.nl"): where the code is shown beside it, the /j/CODE part is noise. */
export const hostText = (joinUrl: string): string => addressText(joinUrl).replace(/\/j\/.*$/, '');
