/**
 * The dictionaries: every Dutch part has an English part with exactly the same keys, no
 * empty strings and the same {placeholders}; t() falls back to Dutch; and the client never
 * imports an English part statically (so a phone that stays in Dutch never downloads it).
 * The compiler checks the keys too (shared/i18n/check.ts); this test also covers what types cannot see.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/constants.ts';
import { enAccount } from '../../shared/i18n/en/account.ts';
import { enBase } from '../../shared/i18n/en.ts';
import { enCommon } from '../../shared/i18n/en/common.ts';
import { enErrors } from '../../shared/i18n/en/errors.ts';
import { enDialogue } from '../../shared/i18n/en/dialogue.ts';
import { enInfo } from '../../shared/i18n/en/info.ts';
import { enOperator } from '../../shared/i18n/en/operator.ts';
import { enParticipant } from '../../shared/i18n/en/participant.ts';
import { addMessages, hasMessage, t, type MessageKey } from '../../shared/i18n/index.ts';
import { nlAccount } from '../../shared/i18n/nl/account.ts';
import { nlBase } from '../../shared/i18n/nl.ts';
import { nlCommon } from '../../shared/i18n/nl/common.ts';
import { nlErrors } from '../../shared/i18n/nl/errors.ts';
import { nlDialogue } from '../../shared/i18n/nl/dialogue.ts';
import { nlInfo } from '../../shared/i18n/nl/info.ts';
import { nlOperator } from '../../shared/i18n/nl/operator.ts';
import { nlParticipant } from '../../shared/i18n/nl/participant.ts';

type Dict = Readonly<Record<string, string>>;

const PARTS: ReadonlyArray<{ name: string; nl: Dict; en: Dict }> = [
  { name: 'common', nl: nlCommon, en: enCommon },
  { name: 'errors', nl: nlErrors, en: enErrors },
  { name: 'participant', nl: nlParticipant, en: enParticipant },
  { name: 'dialogue', nl: nlDialogue, en: enDialogue },
  { name: 'operator', nl: nlOperator, en: enOperator },
  { name: 'info', nl: nlInfo, en: enInfo },
  { name: 'account', nl: nlAccount, en: enAccount },
];

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('dictionaries', () => {
  // Fallback first, while nothing English is registered yet (the registry is module state).
  it('t() falls back to Dutch for a key missing in a language, and to the key itself when Dutch lacks it too', () => {
    expect(hasMessage('en', 'join.name')).toBe(false);
    expect(t('en', 'join.name')).toBe(nlBase['join.name']);
    expect(t('en', 'participant.group.title', { number: 3 })).toBe('Je zit in groep 3');
    addMessages('en', { 'join.title': enBase['join.title'] });
    expect(t('en', 'join.title')).toBe('Join in');
    expect(t('en', 'join.name')).toBe('Naam');
    expect(t('en', 'no.such.key' as MessageKey)).toBe('no.such.key');
  });

  it('fills placeholders in English as in Dutch', () => {
    addMessages('en', enBase);
    expect(t('en', 'participant.group.title', { number: 3 })).toBe('You are in group 3');
    expect(t('en', 'participant.step.topic', { number: 2, total: 7 })).toBe('Characteristic 2 of 7');
    // A placeholder without a value stays visible rather than turning into "undefined".
    expect(t('en', 'join.session')).toBe('Session: {title}');
  });

  it('covers every language the app offers', () => {
    expect([...LANGUAGES].sort()).toEqual(['en', 'nl']);
  });

  for (const part of PARTS) {
    describe(`${part.name} part`, () => {
      it('has every Dutch key in English, and no English key that Dutch lacks', () => {
        const nlKeys = Object.keys(part.nl).sort();
        const enKeys = Object.keys(part.en).sort();
        expect(nlKeys.filter((k) => !(k in part.en)), 'missing in English').toEqual([]);
        expect(enKeys.filter((k) => !(k in part.nl)), 'only in English').toEqual([]);
        expect(enKeys).toEqual(nlKeys);
      });

      it('has no empty strings in either language', () => {
        for (const [lang, dict] of [['nl', part.nl], ['en', part.en]] as const) {
          const empty = Object.entries(dict).filter(([, text]) => typeof text !== 'string' || text.trim() === '');
          expect(empty.map(([k]) => `${lang}:${k}`)).toEqual([]);
        }
      });

      it('uses the same {placeholders} in both languages', () => {
        const different = Object.keys(part.nl)
          .filter((k) => part.en[k] !== undefined)
          .filter((k) => placeholders(part.nl[k]!).join(',') !== placeholders(part.en[k]!).join(','))
          .map((k) => `${k}: nl {${placeholders(part.nl[k]!).join(', ')}} · en {${placeholders(part.en[k]!).join(', ')}}`);
        expect(different).toEqual([]);
      });
    });
  }

  it('defines each key in one part only', () => {
    const seen = new Map<string, string>();
    const doubles: string[] = [];
    for (const part of PARTS) {
      for (const key of Object.keys(part.nl)) {
        const other = seen.get(key);
        if (other) doubles.push(`${key} (${other}, ${part.name})`);
        seen.set(key, part.name);
      }
    }
    expect(doubles).toEqual([]);
  });

  it('has an English base that is exactly common + errors + participant', () => {
    expect(Object.keys(enBase).sort()).toEqual(Object.keys(nlBase).sort());
  });

  it('keeps the names of the languages in their own language in both dictionaries', () => {
    for (const part of [nlCommon, enCommon]) {
      expect(part['language.name.nl']).toBe('Nederlands');
      expect(part['language.name.en']).toBe('English');
    }
  });
});

describe('English stays out of the initial bundle', () => {
  it('is imported by the client only dynamically (import(…)), never with a static import', () => {
    const clientFiles = filesUnder(path.join(root, 'client/src')).filter((f) => /\.(ts|svelte)$/.test(f));
    const staticEnglish = clientFiles.filter((f) =>
      /(^|\n)\s*import\s[^;]*?from\s+['"][^'"]*shared\/i18n\/en(\.ts|\/)/.test(readFileSync(f, 'utf8')),
    );
    expect(staticEnglish.map((f) => path.relative(root, f))).toEqual([]);
    const dynamicEnglish = clientFiles.filter((f) => /import\(\s*['"][^'"]*shared\/i18n\/en(\.ts|\/)/.test(readFileSync(f, 'utf8')));
    expect(dynamicEnglish.length).toBeGreaterThan(0);
  });
});
