import { describe, expect, it } from 'vitest';
import { addressText, codeLetters, defaultQrSrc, hostText, qrSource, spacedCode } from '../../client/src/operator/joinText.ts';

describe('join text', () => {
  it.each([
    ['ABC234', 'ABC 234'],
    ['AB12', 'AB12'],
  ])('spaces the code %s as %s', (code, spaced) => expect(spacedCode(code)).toBe(spaced));

  it('reads the code letter by letter', () => expect(codeLetters('ABC234')).toBe('A B C 2 3 4'));

  it.each([
    ['https://samenspraak.example.nl/j/ABC234', 'samenspraak.example.nl/j/ABC234', 'samenspraak.example.nl'],
    ['http://192.168.1.20:3000/j/ABC234', '192.168.1.20:3000/j/ABC234', '192.168.1.20:3000'],
  ])('writes %s as the address %s and the host %s', (url, address, host) => {
    expect(addressText(url)).toBe(address);
    expect(hostText(url)).toBe(host);
  });

  it('uses the server’s QR code unless this device chose another address', () => {
    expect(defaultQrSrc('ABC 234')).toBe('/api/join/ABC%20234/qr.svg');
    expect(qrSource({ code: 'ABC234' })).toBe('/api/join/ABC234/qr.svg');
    expect(qrSource({ code: 'ABC234', qrSrc: '/api/join/ABC234/qr.svg?base=x' })).toBe('/api/join/ABC234/qr.svg?base=x');
  });
});
