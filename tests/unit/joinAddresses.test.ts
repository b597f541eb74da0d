/** The choice of the address phones join with: pure, given interfaces, the request's host and PUBLIC_URL. */
import { describe, expect, it } from 'vitest';
import { chosenBase, hostnameOf, isLoopbackHost, joinAddresses, lanAddresses, startAddresses, type Interfaces } from '../../server/http/joinAddresses.ts';
import { startMessage } from '../../server/startMessage.ts';
import { ipv4 as v4, ipv6 as v6 } from '../support/nic.ts';

const LAPTOP: Interfaces = {
  lo: [v4('127.0.0.1', true), v6('::1', true)],
  wlan0: [v4('192.168.1.20'), v6('fe80::1')],
  docker0: [v4('172.17.0.1')],
};
const base = { interfaces: LAPTOP, protocol: 'http', port: 3000, publicUrl: null };

describe('lanAddresses', () => {
  it('lists every non-internal IPv4 address, in order, once', () => {
    expect(lanAddresses(LAPTOP)).toEqual(['192.168.1.20', '172.17.0.1']);
    expect(lanAddresses({ lo: [v4('127.0.0.1', true)] })).toEqual([]);
    expect(lanAddresses({ a: [v4('10.0.0.2')], b: [v4('10.0.0.2')] })).toEqual(['10.0.0.2']);
  });
});

describe('loopback hosts', () => {
  it.each(['localhost:3000', 'LOCALHOST', '127.0.0.1:3000', '127.1.2.3', '[::1]:3000', '::1', 'app.localhost:5173'])('%s is loopback', (h) => {
    expect(isLoopbackHost(h)).toBe(true);
  });
  it.each(['192.168.1.20:3000', 'samenspraak.example.nl', '[fd00::2]:3000', 'localhost.example.nl'])('%s is not', (h) => {
    expect(isLoopbackHost(h)).toBe(false);
  });
  it('takes the name out of a Host header', () => {
    expect(hostnameOf('[::1]:3000')).toBe('::1');
    expect(hostnameOf('Example.NL:8080')).toBe('example.nl');
  });
});

describe('joinAddresses', () => {
  it('uses the first LAN address with the server port when the facilitator browses via localhost', () => {
    for (const requestHost of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000']) {
      const a = joinAddresses({ ...base, requestHost });
      expect(a.reason).toBe('lan');
      expect(a.base).toBe('http://192.168.1.20:3000');
      expect(a.candidates.map((c) => c.url)).toEqual(['http://192.168.1.20:3000', 'http://172.17.0.1:3000', `http://${requestHost}`]);
      expect(a.candidates.at(-1)!.kind).toBe('thisComputer');
    }
  });

  it('uses the server port even when the page came through another port (a dev proxy)', () => {
    expect(joinAddresses({ ...base, port: 3000, requestHost: 'localhost:5173' }).base).toBe('http://192.168.1.20:3000');
  });

  it('says phones cannot join when a localhost-browsing machine has no LAN address', () => {
    const a = joinAddresses({ ...base, interfaces: { lo: [v4('127.0.0.1', true)] }, requestHost: 'localhost:3000' });
    expect(a).toEqual({ base: 'http://localhost:3000', reason: 'loopbackOnly', candidates: [{ url: 'http://localhost:3000', kind: 'thisComputer' }] });
  });

  it('keeps the address the facilitator used when others can reach it too', () => {
    const viaLan = joinAddresses({ ...base, requestHost: '172.17.0.1:3000' });
    expect(viaLan.reason).toBe('request');
    expect(viaLan.base).toBe('http://172.17.0.1:3000');
    expect(viaLan.candidates.map((c) => c.url)).toEqual(['http://172.17.0.1:3000', 'http://192.168.1.20:3000']);
  });

  it('never tells a visitor by host name the internal addresses', () => {
    const a = joinAddresses({ ...base, protocol: 'https', requestHost: 'workshop.example.nl' });
    expect(a).toEqual({ base: 'https://workshop.example.nl', reason: 'request', candidates: [{ url: 'https://workshop.example.nl', kind: 'request' }] });
  });

  it('uses PUBLIC_URL only, whatever the Host header says', () => {
    for (const requestHost of ['localhost:3000', 'evil.example.com', undefined]) {
      const a = joinAddresses({ ...base, publicUrl: 'https://samenspraak.example.nl/', requestHost });
      expect(a).toEqual({ base: 'https://samenspraak.example.nl', reason: 'public', candidates: [{ url: 'https://samenspraak.example.nl', kind: 'public' }] });
    }
  });

  it('does not build an address from a Host header that is not one', () => {
    const a = joinAddresses({ ...base, interfaces: {}, requestHost: 'a b/<script>' });
    expect(a.base).toBe('http://localhost:3000');
  });
});

describe('chosenBase', () => {
  const a = joinAddresses({ ...base, requestHost: 'localhost:3000' });
  it('accepts one of the candidates and nothing else', () => {
    expect(chosenBase(a, 'http://172.17.0.1:3000')).toBe('http://172.17.0.1:3000');
    expect(chosenBase(a, 'http://172.17.0.1:3000/')).toBe('http://172.17.0.1:3000');
    expect(chosenBase(a, 'https://evil.example.com')).toBe(a.base);
    expect(chosenBase(a, ['http://172.17.0.1:3000'])).toBe(a.base);
    expect(chosenBase(a, undefined)).toBe(a.base);
  });
});

describe('the start message', () => {
  it('lists every LAN address and PUBLIC_URL', () => {
    expect(startAddresses({ interfaces: LAPTOP, host: '0.0.0.0', port: 3000, publicUrl: 'https://s.example.nl' }).urls).toEqual([
      'https://s.example.nl',
      'http://192.168.1.20:3000',
      'http://172.17.0.1:3000',
    ]);
    const text = startMessage({ interfaces: LAPTOP, host: '0.0.0.0', port: 3000, publicUrl: null }).join('\n');
    expect(text).toContain('http://localhost:3000');
    expect(text).toContain('    http://192.168.1.20:3000');
    expect(text).toContain('    http://172.17.0.1:3000');
    expect(text).toContain('Telefoons op hetzelfde netwerk');
  });

  it('says so when phones cannot reach the server', () => {
    expect(startMessage({ interfaces: LAPTOP, host: '127.0.0.1', port: 3000, publicUrl: null }).join('\n')).toContain('HOST=127.0.0.1');
    expect(startMessage({ interfaces: {}, host: '0.0.0.0', port: 3000, publicUrl: null }).join('\n')).toContain('geen netwerkadres');
    // Behind a proxy on loopback with PUBLIC_URL: that is the address, no warning.
    const proxied = startMessage({ interfaces: LAPTOP, host: '127.0.0.1', port: 3000, publicUrl: 'https://s.example.nl' });
    expect(proxied.join('\n')).toContain('https://s.example.nl');
    expect(proxied.join('\n')).not.toContain('HOST=');
  });

  it('a node of several names the proxy\'s address only: its own LAN address would bypass the routing', () => {
    const node = startMessage({ interfaces: LAPTOP, host: '0.0.0.0', port: 3001, publicUrl: 'https://s.example.nl', node: 'a' }).join('\n');
    expect(node).toContain('https://s.example.nl');
    expect(node).toContain('server a van meerdere');
    expect(node).not.toContain('192.168.1.20');
    expect(node).not.toContain('Telefoons op hetzelfde netwerk');
  });

  it('has the English text too', () => {
    expect(startMessage({ interfaces: LAPTOP, host: '0.0.0.0', port: 3000, publicUrl: null, lang: 'en' }).join('\n')).toContain('Phones on the same network');
  });
});
