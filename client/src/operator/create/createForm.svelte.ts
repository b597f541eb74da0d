/**
 * State of the "new session" page: the built-in templates, an editable copy of the chosen
 * one, and creating the session (POST /api/sessions). Each template keeps its own edited
 * copy, so switching templates back and forth loses nothing.
 */
import { nanoid } from 'nanoid';
import { LIMITS, type Language, type ScoringMode } from '../../../../shared/constants.ts';
import type { SessionContent } from '../../../../shared/domain/types.ts';
import { hasMessage, type MessageKey } from '../../../../shared/i18n/index.ts';
import { i18n, t } from '../../lib/i18n.svelte.ts';
import { loadSavedSessions, saveSession, forgetSession, type SavedSession } from '../savedSessions.ts';

export interface DraftTopic {
  id: string;
  title: string;
  description: string;
}

export interface DraftQuestion {
  id: string;
  text: string;
}

export interface Draft {
  title: string;
  intro: string;
  topics: DraftTopic[];
  questions: DraftQuestion[];
  takeawayQuestion: string;
  contact: string;
}

export interface TemplateOption {
  readonly id: string;
  readonly content: SessionContent;
}

export interface CreatedSession {
  readonly sessionId: string;
  readonly code: string;
  readonly facilitatorSecret: string;
  readonly screenSecret: string;
  readonly joinUrl: string;
}

export function draftFrom(content: SessionContent): Draft {
  return {
    title: content.title,
    intro: content.intro,
    topics: content.topics.map((x) => ({ id: x.id, title: x.title, description: x.description })),
    questions: content.questions.map((q) => ({ id: q.id, text: q.text })),
    takeawayQuestion: content.takeawayQuestion,
    contact: content.contact,
  };
}

export function contentFrom(draft: Draft): SessionContent {
  return {
    title: draft.title.trim(),
    intro: draft.intro.trim(),
    topics: draft.topics.map((x) => ({ id: x.id, title: x.title.trim(), description: x.description.trim() })),
    questions: draft.questions.map((q) => ({ id: q.id, text: q.text.trim() })),
    takeawayQuestion: draft.takeawayQuestion.trim(),
    contact: draft.contact.trim(),
  };
}

const newId = (): string => nanoid(12);

function isTemplateList(v: unknown): v is { templates: TemplateOption[] } {
  if (typeof v !== 'object' || v === null) return false;
  const list = (v as { templates?: unknown }).templates;
  return (
    Array.isArray(list) &&
    list.every(
      (x: unknown) =>
        typeof x === 'object' &&
        x !== null &&
        typeof (x as { id?: unknown }).id === 'string' &&
        typeof (x as { content?: unknown }).content === 'object',
    )
  );
}

function isCreated(v: unknown): v is CreatedSession {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return ['sessionId', 'code', 'facilitatorSecret', 'screenSecret', 'joinUrl'].every((k) => typeof o[k] === 'string');
}

function errorMessage(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null) {
    const o = body as { error?: unknown; key?: unknown };
    const detail = typeof o.error === 'string' ? o.error : '';
    if (typeof o.key === 'string' && hasMessage('nl', o.key as MessageKey)) return t(o.key as MessageKey, { detail });
    if (detail) return t('create.error.server', { detail });
  }
  return t('create.error.status', { status });
}

export class CreateForm {
  templates = $state<TemplateOption[]>([]);
  loadStatus = $state<'loading' | 'ready' | 'error'>('loading');
  templateId = $state<string | null>(null);
  /** Edited copies, one per template. */
  drafts = $state<Record<string, Draft>>({});
  submitting = $state(false);
  error = $state<string | null>(null);
  /** The session's language: its facilitator panel and screen speak it, and phones that chose no language themselves. */
  language = $state<Language>(i18n.lang);
  /** Scores per group (default) or per person; changeable in the console until the first score. */
  scoring = $state<ScoringMode>('group');
  saved = $state<SavedSession[]>(loadSavedSessions());

  readonly #fetch: typeof fetch;

  constructor(fetchFn: typeof fetch = (...args) => fetch(...args)) {
    this.#fetch = fetchFn;
  }

  get draft(): Draft | null {
    return this.templateId ? (this.drafts[this.templateId] ?? null) : null;
  }

  set draft(value: Draft | null) {
    if (this.templateId && value) this.drafts[this.templateId] = value;
  }

  get canAddTopic(): boolean {
    return (this.draft?.topics.length ?? 0) < LIMITS.topics;
  }

  get canAddQuestion(): boolean {
    return (this.draft?.questions.length ?? 0) < LIMITS.questions;
  }

  async load(): Promise<void> {
    this.loadStatus = 'loading';
    try {
      const res = await this.#fetch('/api/templates', { headers: { Accept: 'application/json' } });
      const body: unknown = await res.json();
      if (!res.ok || !isTemplateList(body)) throw new Error('bad templates');
      this.templates = body.templates;
      if (!this.templateId || !this.templates.some((x) => x.id === this.templateId)) {
        const first = this.templates[0];
        if (first) this.choose(first.id);
      }
      this.loadStatus = 'ready';
    } catch {
      this.loadStatus = 'error';
    }
  }

  choose(id: string): void {
    const template = this.templates.find((x) => x.id === id);
    if (!template) return;
    if (!this.drafts[id]) this.drafts[id] = draftFrom(template.content);
    this.templateId = id;
    this.error = null;
  }

  /** Back to the template's own text. */
  resetDraft(): void {
    const template = this.templates.find((x) => x.id === this.templateId);
    if (template) this.drafts[template.id] = draftFrom(template.content);
  }

  addTopic(): DraftTopic | null {
    const d = this.draft;
    if (!d || d.topics.length >= LIMITS.topics) return null;
    const topic = { id: newId(), title: '', description: '' };
    d.topics.push(topic);
    return topic;
  }

  removeTopic(id: string): void {
    const d = this.draft;
    if (!d || d.topics.length <= 1) return;
    d.topics = d.topics.filter((x) => x.id !== id);
  }

  moveTopic(id: string, delta: -1 | 1): void {
    const d = this.draft;
    if (d) d.topics = move(d.topics, id, delta);
  }

  addQuestion(): DraftQuestion | null {
    const d = this.draft;
    if (!d || d.questions.length >= LIMITS.questions) return null;
    const question = { id: newId(), text: '' };
    d.questions.push(question);
    return question;
  }

  removeQuestion(id: string): void {
    const d = this.draft;
    if (!d || d.questions.length <= 1) return;
    d.questions = d.questions.filter((q) => q.id !== id);
  }

  moveQuestion(id: string, delta: -1 | 1): void {
    const d = this.draft;
    if (d) d.questions = move(d.questions, id, delta);
  }

  /** Creates the session and remembers it on this device. Returns it, or null (see `error`). */
  async submit(): Promise<CreatedSession | null> {
    const d = this.draft;
    if (!d || !this.templateId || this.submitting) return null;
    const content = contentFrom(d);
    this.submitting = true;
    this.error = null;
    try {
      const res = await this.#fetch('/api/sessions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ templateId: this.templateId, content, language: this.language, scoring: this.scoring }),
      });
      let body: unknown = null;
      try {
        body = await res.json();
      } catch {
        body = null;
      }
      if (!res.ok || !isCreated(body)) {
        this.error = errorMessage(body, res.status);
        return null;
      }
      this.saved = saveSession({
        sessionId: body.sessionId,
        secret: body.facilitatorSecret,
        screenSecret: body.screenSecret,
        code: body.code,
        title: content.title,
        joinUrl: body.joinUrl,
        createdAt: Date.now(),
      });
      return body;
    } catch {
      this.error = t('create.error.offline');
      return null;
    } finally {
      this.submitting = false;
    }
  }

  /** Picks the session's language; this page switches to it too (it is the facilitator's). */
  chooseLanguage(lang: Language): Promise<boolean> {
    this.language = lang;
    return i18n.setLanguage(lang);
  }

  forget(sessionId: string): void {
    this.saved = forgetSession(sessionId);
  }
}

function move<T extends { id: string }>(list: T[], id: string, delta: -1 | 1): T[] {
  const i = list.findIndex((x) => x.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(i, 1);
  if (item) next.splice(j, 0, item);
  return next;
}
