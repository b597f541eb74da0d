/**
 * The whole workshop in real browsers: a facilitator on a laptop, the shared screen on a
 * projector and 9 phones (360×740), each in its own browser context like separate
 * devices. Asserts what each person sees, by role and label; runs axe-core on every main
 * view; saves screenshots to test-results/screenshots.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  axe,
  describeViolations,
  FACILITATOR_PASSWORD,
  hasChromium,
  LAPTOP,
  launchBrowser,
  newPage,
  PHONE,
  PROJECTOR,
  screenshot,
  signInOnPage,
  startApp,
  type RunningApp,
} from './support/browser.ts';

const PEOPLE: [string, 'Opdrachtgever' | 'Opdrachtnemer' | 'Anders', string][] = [
  ['Anne de Vries', 'Opdrachtgever', 'Gemeente Ede'],
  ['Bram Jansen', 'Opdrachtnemer', 'Wijkteam Ede'],
  ['Carla Bos', 'Opdrachtgever', 'Gemeente Arnhem'],
  ['Dirk Smit', 'Opdrachtnemer', 'Wijkteam Arnhem'],
  ['Eva Mulder', 'Opdrachtgever', 'Gemeente Zutphen'],
  ['Fatima El Amrani', 'Opdrachtnemer', 'Buurtteam Zutphen'],
  ['Gert Visser', 'Opdrachtgever', 'Gemeente Ede'],
  ['Hanna Peters', 'Opdrachtnemer', 'Sociaal Team Arnhem'],
  ['Ilse de Boer', 'Anders', 'VNG'],
];

const Q1 = 'Is dit wat je wil of hoe het nu is?';
const Q2 = 'Wat kan hierin nog worden ontwikkeld, of ben je tevreden?';

describe.skipIf(!hasChromium)('the workshop in real browsers', () => {
  let app: RunningApp;
  let browser: Browser;
  let facilitator: Page;
  let screen: Page;
  const phones: Page[] = [];
  const problems: string[] = [];
  const axeResults: Record<string, number> = {};
  let code = '';

  async function checkA11y(page: Page, view: string): Promise<void> {
    const violations = await axe(page);
    axeResults[view] = violations.length;
    expect(violations, `${view}:\n${describeViolations(violations)}`).toEqual([]);
  }

  async function context(viewport: { width: number; height: number }): Promise<BrowserContext> {
    return browser.newContext({ viewport, locale: 'nl-NL', acceptDownloads: true });
  }

  /** Fills in the join form on a phone, as a person would. */
  async function join(page: Page, [name, role, org]: (typeof PEOPLE)[number]): Promise<void> {
    await page.getByLabel('Naam').fill(name);
    await page.getByRole('radio', { name: new RegExp(`^${role}`) }).check();
    await page.getByLabel(/^Organisatie/).fill(org);
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Je bent binnen' }).isVisible()).toBe(true);
  }

  async function addAnswer(page: Page, question: string, text: string): Promise<void> {
    const box = page.getByLabel(`Jouw antwoord op: ${question}`);
    await box.fill(text);
    await box.locator('xpath=ancestor::form').getByRole('button', { name: 'Toevoegen' }).click();
    await expect.poll(() => page.getByText(text, { exact: true }).count()).toBeGreaterThan(0);
  }

  async function goToStep(name: string | RegExp): Promise<void> {
    await facilitator.getByRole('list', { name: 'Alle stappen' }).getByRole('button', { name }).click();
  }

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    console.log('axe violations per view:', JSON.stringify(axeResults));
    await browser?.close();
    await app?.close();
  });

  it('the facilitator creates a session from the template', async () => {
    facilitator = await newPage(await context(LAPTOP), problems, 'facilitator');
    await facilitator.goto(`${app.url}/nieuw`);
    // Creating a session needs an account: the page sends the facilitator to sign in, and back.
    await facilitator.waitForURL(/\/inloggen\?terug=%2Fnieuw$/);
    await signInOnPage(facilitator, app.facilitator!.account.email, FACILITATOR_PASSWORD);
    await facilitator.waitForURL(/\/nieuw$/);
    await expect.poll(() => facilitator.getByRole('button', { name: 'Sessie maken' }).isVisible()).toBe(true);
    await checkA11y(facilitator, 'create');
    await screenshot(facilitator, 'create-laptop');
    await facilitator.getByRole('button', { name: 'Sessie maken' }).click();
    await facilitator.waitForURL(/\/begeleider\/[^#]+#.+/);
    await expect.poll(() => facilitator.getByRole('heading', { name: 'Stevige lokale teams — Ben jij hiervan?' }).isVisible()).toBe(true);
    code = (await facilitator.locator('body').innerText()).match(/\b[0-9A-HJKMNP-TV-Z]{6}\b/)![0];
    await checkA11y(facilitator, 'facilitator-lobby');
    await screenshot(facilitator, 'facilitator-lobby-laptop');
  });

  it('the shared screen opens from the panel and shows the code, QR and address', async () => {
    const href = await facilitator.getByRole('link', { name: /Open het scherm voor de zaal/ }).first().getAttribute('href');
    screen = await newPage(await context(PROJECTOR), problems, 'screen');
    await screen.goto(new URL(href!, app.url).toString());
    await expect.poll(() => screen.getByRole('img', { name: /QR-code/ }).isVisible()).toBe(true);
    const text = await screen.locator('body').innerText();
    expect(text.replace(/\s/g, '')).toContain(code);
    expect(text).toContain(`/j/${code}`);
    await checkA11y(screen, 'screen-lobby');
    await screenshot(screen, 'screen-lobby-projector');
  });

  it('nine phones join: five by typing the code, four by the QR link', async () => {
    for (const [i, person] of PEOPLE.entries()) {
      const phone = await newPage(await context(PHONE), problems, `phone ${i}`);
      phones.push(phone);
      if (i < 5) {
        await phone.goto(app.url);
        await phone.getByLabel('Code').fill(code.toLowerCase());
      } else {
        await phone.goto(`${app.url}/j/${code}`);
        await expect.poll(() => phone.getByLabel('Naam').isVisible()).toBe(true);
        // The code came with the link: nobody has to type it.
        expect(await phone.getByLabel('Code').count()).toBe(0);
      }
      if (i === 0) {
        await checkA11y(phone, 'join');
        await screenshot(phone, 'join-phone');
      }
      await join(phone, person);
    }
    await checkA11y(phones[0]!, 'participant-lobby');
    await screenshot(phones[0]!, 'lobby-phone');
    await expect.poll(() => screen.getByText('Al aangemeld: 9').isVisible()).toBe(true);
    await expect.poll(async () => (await facilitator.locator('body').innerText()).includes('Fatima El Amrani')).toBe(true);
  });

  it('a wrong code gets a clear Dutch message', async () => {
    const phone = await newPage(await context(PHONE), problems, 'wrong code', true);
    await phone.goto(`${app.url}/j/ZZZZZZ`);
    await expect.poll(() => phone.getByRole('alert').filter({ hasText: /Deze code kennen we niet/ }).first().isVisible()).toBe(true);
    await phone.context().close();
  });

  it('the facilitator makes groups; every phone says which group and who is in it', async () => {
    // The programme opens with slides; "Groepen maken" sits in the groups step of the console.
    await goToStep(/Groepen vormen/);
    await facilitator.getByRole('region', { name: 'Groepen maken' }).getByRole('button', { name: 'Groepen maken' }).click();
    for (const phone of phones) {
      await expect.poll(() => phone.getByRole('heading', { name: /^Je zit in groep \d$/ }).isVisible()).toBe(true);
    }
    // 9 people: one group of 5 and one of 4; every phone lists its group's members.
    const sizes: number[] = [];
    for (const phone of phones) {
      const heading = await phone.getByRole('heading', { name: /^Je zit in groep \d$/ }).innerText();
      sizes[Number(heading.match(/\d/)![0])] = (sizes[Number(heading.match(/\d/)![0])] ?? 0) + 1;
    }
    expect(sizes.filter(Boolean).sort()).toEqual([4, 5]);
    await expect.poll(() => screen.getByRole('heading', { name: 'Zoek je groep' }).isVisible()).toBe(true);
    await checkA11y(phones[0]!, 'participant-group');
    await checkA11y(screen, 'screen-groups');
    await screenshot(screen, 'screen-groups-projector');
    await screenshot(phones[0]!, 'group-phone');
  });

  it('characteristic 1: answers and ratings from the phones appear on the screen', async () => {
    await facilitator.getByRole('button', { name: /^Volgende: Kenmerk 1/ }).click();
    await facilitator.getByRole('button', { name: 'Start de tijd' }).click();
    for (const phone of phones) await expect.poll(() => phone.getByRole('heading', { name: 'Passende omvang en expertise' }).isVisible()).toBe(true);
    // The timer runs on the phones too.
    await expect.poll(async () => (await phones[8]!.locator('body').innerText()).match(/Tijd over:\s*9:5\d/) !== null, { timeout: 5000 }).toBe(true);
    await addAnswer(phones[0]!, Q1, 'We willen meer tijd om samen op te trekken.');
    await addAnswer(phones[1]!, Q1, 'Het team is nu te klein voor de wijk.');
    await addAnswer(phones[2]!, Q2, 'Vaker samen de cijfers bespreken.');
    // The radio buttons are drawn as large labels: people tap the label.
    await phones[3]!.getByRole('group', { name: 'Hoe is het nu?' }).getByText('2', { exact: true }).click();
    await phones[4]!.getByRole('group', { name: 'Hoe willen we het?' }).getByText('5', { exact: true }).click();
    await expect.poll(() => phones[3]!.getByRole('group', { name: 'Hoe is het nu?' }).getByRole('radio', { name: '2', exact: true }).isChecked()).toBe(true);
    for (const text of ['We willen meer tijd om samen op te trekken.', 'Het team is nu te klein voor de wijk.', 'Vaker samen de cijfers bespreken.']) {
      await expect.poll(() => screen.getByText(text).filter({ visible: true }).isVisible()).toBe(true);
    }
    // Group members see each other's answers on their own phone.
    const groupOf = async (p: Page) => (await p.getByRole('heading', { name: /^Je zit in groep \d$/ }).innerText()).match(/\d/)![0];
    const g0 = await groupOf(phones[0]!);
    for (const phone of phones) {
      const same = (await groupOf(phone)) === g0;
      await expect.poll(() => phone.getByText('We willen meer tijd om samen op te trekken.').count()).toBe(same ? 1 : 0);
    }
    await checkA11y(phones[0]!, 'participant-dialogue');
    await checkA11y(facilitator, 'facilitator-dialogue');
    await checkA11y(screen, 'screen-dialogue');
    await screenshot(phones[0]!, 'dialogue-phone');
    await screenshot(facilitator, 'facilitator-dialogue-laptop');
    await screenshot(screen, 'screen-dialogue-projector');
  });

  it('a phone reloaded mid-dialogue is the same person, in the same group, with its answers', async () => {
    const phone = phones[0]!;
    const group = await phone.getByRole('heading', { name: /^Je zit in groep \d$/ }).innerText();
    await phone.getByLabel(`Jouw antwoord op: ${Q2}`).fill('Half getypt, nog niet verstuurd');
    await phone.waitForTimeout(500); // the draft is saved ~300 ms after typing stops
    await phone.reload();
    await expect.poll(() => phone.getByRole('heading', { name: group }).isVisible()).toBe(true);
    expect(await phone.getByLabel('Naam').count()).toBe(0);
    await expect.poll(() => phone.getByText('We willen meer tijd om samen op te trekken.').isVisible()).toBe(true);
    expect(await phone.getByLabel(`Jouw antwoord op: ${Q2}`).inputValue()).toBe('Half getypt, nog niet verstuurd');
  });

  it('characteristic 2 follows when the facilitator moves on', async () => {
    await facilitator.getByRole('button', { name: /^Volgende: Kenmerk 2/ }).click();
    for (const phone of phones) await expect.poll(() => phone.getByRole('heading', { name: 'Zichtbaar en aanwezig in de wijk' }).isVisible()).toBe(true);
    // Screen-reader users hear that the room moved on (a polite live region).
    await expect
      .poll(() => phones[6]!.locator('[aria-live="polite"]').filter({ hasText: 'Nu: kenmerk 2 van 7, Zichtbaar en aanwezig in de wijk.' }).count())
      .toBe(1);
    await addAnswer(phones[5]!, Q1, 'Spreekuur op school werkt goed.');
    await expect.poll(() => screen.getByText('Spreekuur op school werkt goed.').filter({ visible: true }).isVisible()).toBe(true);
  });

  it('each group writes its takeaway; feedback puts one group at a time on the screen', async () => {
    await goToStep(/Wat neem je mee\?/);
    await expect.poll(() => phones[0]!.getByLabel('Tekst van je groep').isVisible()).toBe(true);
    // One shared text (Yjs): no save button; what is typed is sent, and confirmed once stored.
    await phones[0]!.getByLabel('Tekst van je groep').fill('Samen de wijkanalyse maken.');
    await expect.poll(() => screen.getByText('Samen de wijkanalyse maken.').filter({ visible: true }).isVisible()).toBe(true);
    await expect.poll(() => phones[0]!.getByText('Opgeslagen.').isVisible()).toBe(true);
    await checkA11y(phones[0]!, 'participant-takeaway');

    await goToStep(/Terugkoppeling/);
    // The first group is in the spotlight at once; its members are told on their phones.
    await expect.poll(() => screen.getByRole('heading', { name: 'Groep 1', level: 1 }).isVisible()).toBe(true);
    // Wait until exactly the phones of group 1 (their bar says "Groep 1") say it is their turn: each phone
    // gets the spotlight in its own message, so reading them once right after the screen changed is a race.
    const turnNotices = () => Promise.all(phones.map((p) => p.getByText('Jullie groep is nu aan de beurt', { exact: false }).isVisible()));
    const groupOne = await Promise.all(phones.map(async (p) => (await p.locator('.tag-group').first().textContent())?.trim() === 'Groep 1'));
    expect(groupOne.filter(Boolean).length).toBeGreaterThanOrEqual(4);
    await expect
      .poll(async () => (await turnNotices()).every((shown, i) => shown === groupOne[i]), {
        message: 'the phones of group 1, and only they, say it is their turn',
      })
      .toBe(true);
    const inSpotlight = await turnNotices();
    await checkA11y(screen, 'screen-feedback');
    await screenshot(screen, 'screen-feedback-projector');
    await facilitator.getByRole('button', { name: 'Volgende groep' }).click();
    await expect.poll(() => screen.getByRole('heading', { name: 'Groep 2', level: 1 }).isVisible()).toBe(true);
    // Exactly the other group's phones now say it is their turn (the screen may show it a moment before the phones do).
    const turnedOver = async () => {
      const next = await Promise.all(phones.map((p) => p.getByText('Jullie groep is nu aan de beurt', { exact: false }).isVisible()));
      return next.map((x, i) => x !== inSpotlight[i]).every(Boolean);
    };
    await expect.poll(turnedOver, { message: "every phone's turn notice flips: the other group is now in the spotlight" }).toBe(true);
  });

  it('closing: thanks and the contact address on phones and screen', async () => {
    await goToStep(/Afsluiting/);
    await expect.poll(() => screen.getByText('Bedankt!').isVisible()).toBe(true);
    await expect.poll(() => phones[0]!.getByRole('heading', { name: 'Bedankt voor je bijdrage!' }).isVisible()).toBe(true);
    expect(await phones[0]!.getByRole('link', { name: /stevigelokaleteams@vng\.nl/ }).getAttribute('href')).toBe('mailto:stevigelokaleteams@vng.nl');
    await checkA11y(phones[0]!, 'participant-closing');
    await checkA11y(screen, 'screen-closing');
    await screenshot(phones[0]!, 'closing-phone');
    await screenshot(screen, 'screen-closing-projector');
  });

  it('closing: a phone asks for the work packages with consent; the console counts it', async () => {
    const phone = phones[0]!;
    await phone.getByLabel('Je e-mailadres').fill('deelnemer1@gemeente.nl');
    await phone.getByRole('button', { name: 'Stuur mij de werkpakketten' }).click();
    // Without the consent ticked nothing is sent, and the phone says why.
    await expect.poll(() => phone.getByText('Zet een vinkje als je toestemming geeft', { exact: false }).isVisible()).toBe(true);
    await screenshot(phone, 'closing-phone-work-packages-consent-missing');
    await phone.getByLabel(/^Ik geef toestemming/).check();
    await phone.getByRole('button', { name: 'Stuur mij de werkpakketten' }).click();
    await expect.poll(() => phone.getByText('We sturen de werkpakketten naar deelnemer1@gemeente.nl.').isVisible()).toBe(true);
    await checkA11y(phone, 'participant-closing-work-packages');
    await screenshot(phone, 'closing-phone-work-packages-saved');
    await facilitator.getByRole('tab', { name: 'Downloads' }).click();
    await expect.poll(() => facilitator.getByText('1 persoon wil de werkpakketten ontvangen.').isVisible()).toBe(true);
  });

  it('the downloads hold the answers', async () => {
    await facilitator.getByRole('tab', { name: 'Downloads' }).click();
    const [report] = await Promise.all([facilitator.waitForEvent('download'), facilitator.getByRole('button', { name: 'Verslag als tekst (Markdown)' }).click()]);
    const md = readFileSync((await report.path())!, 'utf8');
    expect(md).toContain('We willen meer tijd om samen op te trekken.');
    expect(md).toContain('Samen de wijkanalyse maken.');
    const [data] = await Promise.all([facilitator.waitForEvent('download'), facilitator.getByRole('button', { name: 'Gegevens als CSV voor Excel (;)' }).click()]);
    const csv = readFileSync((await data.path())!, 'utf8');
    expect(csv).toContain('Spreekuur op school werkt goed.');
    expect(data.suggestedFilename()).toMatch(/\.csv$/);
    expect(csv).not.toContain('deelnemer1@gemeente.nl');
    const [addresses] = await Promise.all([facilitator.waitForEvent('download'), facilitator.getByRole('button', { name: 'E-mailadressen downloaden (.csv)' }).click()]);
    expect(readFileSync((await addresses.path())!, 'utf8')).toContain('deelnemer1@gemeente.nl');
    await checkA11y(facilitator, 'console-downloads');
    await screenshot(facilitator, 'console-downloads');
  });

  it('the accessibility statement is reachable from the phone and passes axe', async () => {
    const phone = await newPage(await context(PHONE), problems, 'statement');
    await phone.goto(app.url);
    await phone.getByRole('link', { name: /Toegankelijkheid/i }).click();
    await expect.poll(() => phone.getByRole('heading', { name: /Toegankelijkheidsverklaring/, level: 1 }).isVisible()).toBe(true);
    await checkA11y(phone, 'accessibility-statement');
    await phone.context().close();
  });

  it('joining works with the keyboard alone, with a visible focus', async () => {
    const phone = await newPage(await context(PHONE), problems, 'keyboard');
    await phone.goto(`${app.url}/j/${code}`);
    await expect.poll(() => phone.getByLabel('Naam').isVisible()).toBe(true);
    // Tab to the name field; every focused control has a visible outline.
    for (let i = 0; i < 10 && !(await phone.getByLabel('Naam').evaluate((el) => el === document.activeElement)); i++) {
      await phone.keyboard.press('Tab');
      const outline = await phone.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return 'none';
        const style = getComputedStyle(el);
        return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? 'visible' : style.boxShadow !== 'none' ? 'visible' : 'none';
      });
      expect(outline).toBe('visible');
    }
    await phone.keyboard.type('Kees Toetsenbord');
    await phone.keyboard.press('Tab');
    await phone.keyboard.press('Space'); // the first role in the radio group
    await phone.keyboard.press('ArrowDown'); // the next role
    await phone.keyboard.press('Tab');
    await phone.keyboard.type('Gemeente Tab');
    await phone.keyboard.press('Enter');
    await expect.poll(() => phone.getByRole('heading', { name: /Je bent binnen|Thank you|Bedankt|You are in|Welcome/ }).first().isVisible()).toBe(true);
    await phone.context().close();
  });

  it('in English: the facilitator switches the session language; phones and the screen follow', async () => {
    await facilitator.getByRole('tab', { name: 'Instellingen' }).click();
    await facilitator.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => screen.getByText('Thank you!').isVisible()).toBe(true);
    await expect.poll(() => phones[1]!.getByRole('heading', { name: 'Thank you for taking part!' }).isVisible()).toBe(true);
    expect(await phones[1]!.evaluate(() => document.documentElement.lang)).toBe('en');
    await checkA11y(phones[1]!, 'participant-closing-en');
    await checkA11y(facilitator, 'facilitator-en');
    // A phone can choose its own language: back to Dutch on this one only.
    await phones[2]!.getByRole('button', { name: /Nederlands/ }).click();
    await expect.poll(() => phones[2]!.getByRole('heading', { name: 'Bedankt voor je bijdrage!' }).isVisible()).toBe(true);
    expect(await phones[1]!.getByRole('heading', { name: 'Thank you for taking part!' }).isVisible()).toBe(true);
  });

  it('nothing went wrong in any browser: no console errors, no CSP violations, no third-party requests', () => {
    expect(problems).toEqual([]);
  });
});
