/** The accessibility statement (/toegankelijkheid): route, headings, the honest status, contact, and English. */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nlInfo } from '../../shared/i18n/nl/info.ts';
import App from '../../client/src/App.svelte';
import AccessibilityStatement from '../../client/src/info/AccessibilityStatement.svelte';
import { parseRoute, paths } from '../../client/src/lib/router.ts';
import { resetLanguage } from './language-reset.ts';


beforeEach(resetLanguage);
afterEach(async () => {
  cleanup();
  await resetLanguage();
  history.replaceState(null, '', '/');
});

describe('route', () => {
  it('lives at /toegankelijkheid', () => {
    expect(paths.accessibility()).toBe('/toegankelijkheid');
    expect(parseRoute('/toegankelijkheid', '')).toEqual({ page: 'accessibility' });
    expect(parseRoute('/toegankelijkheid/extra', '')).toEqual({ page: 'notFound' });
  });

  it('is loaded by the app shell like the other pages', async () => {
    history.replaceState(null, '', '/toegankelijkheid');
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Toegankelijkheidsverklaring' })).toBeInTheDocument();
  });
});

describe('AccessibilityStatement', () => {
  it('renders its headings in order, after the model statement', () => {
    render(AccessibilityStatement);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Toegankelijkheidsverklaring');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      nlInfo['info.scope.heading'],
      nlInfo['info.status.heading'],
      nlInfo['info.research.heading'],
      nlInfo['info.limits.heading'],
      nlInfo['info.contact.heading'],
      nlInfo['info.date.heading'],
    ]);
    expect(document.title).toBe('Toegankelijkheidsverklaring · Samenspraak');
  });

  it('names the standard, an honest status, how it was tested and the date', () => {
    render(AccessibilityStatement);
    expect(screen.getByText(/WCAG 2\.1, niveau AA/)).toHaveTextContent('EN 301 549');
    expect(screen.getByText('Voldoet gedeeltelijk')).toBeInTheDocument();
    expect(screen.getByText(/axe-core/)).toHaveTextContent(/Chromium/);
    expect(screen.getByText(/alleen een toetsenbord/)).toHaveTextContent('200%');
    expect(screen.getByText(/echte schermlezers/)).toBeInTheDocument();
    expect(screen.getByText('22 november 2026')).toBeInTheDocument();
  });

  it('lists the known limits', () => {
    render(AccessibilityStatement);
    const limits = screen.getByRole('region', { name: nlInfo['info.limits.heading'] });
    const items = within(limits).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(items).toHaveLength(5);
    expect(items.join(' ')).toMatch(/QR-code/);
    expect(items.join(' ')).toMatch(/slepen/);
  });

  it('gives the contact: the organisation running the workshop, and the VNG support line by e-mail', () => {
    render(AccessibilityStatement);
    const contact = screen.getByRole('region', { name: nlInfo['info.contact.heading'] });
    expect(within(contact).getByText(/organisatie die de workshop houdt, is verantwoordelijk/)).toBeInTheDocument();
    expect(within(contact).getByRole('link', { name: 'stevigelokaleteams@vng.nl' })).toHaveAttribute('href', 'mailto:stevigelokaleteams@vng.nl');
  });

  it('can be read in English: the toggle loads the statement’s English strings', async () => {
    render(AccessibilityStatement);
    await fireEvent.click(screen.getByRole('button', { name: 'Taal wijzigen: English' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Accessibility statement' })).toBeInTheDocument();
    expect(screen.getByText('Partially compliant')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Something not working? Let us know' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'stevigelokaleteams@vng.nl' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Back/ })).toHaveAttribute('href', '/');
  });

  it('has no axe-core violations (structure only: jsdom has no layout, so no contrast check)', async () => {
    const { container } = render(AccessibilityStatement);
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });
});
