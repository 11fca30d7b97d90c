// The search box: finds people, concepts and meetings by Japanese or
// English label or alias, in lists loaded once (they are small), folded
// so that width, case, spaces and ・ do not matter.

import { api, type ConceptSummary, type MeetingSummary, type PersonSummary } from './api';
import { h, replace } from './dom';
import { fold } from './text';
import { NODE_TYPES, conceptTypeLabel, type NodeType } from './types';

export interface Entry {
  type: NodeType;
  key: string;
  label: string;
  labelEn: string;
  sub: string; // second line: posts, type, date
  terms: string[]; // folded labels and aliases
  weight: number; // mentions, to rank equal matches
}

export class SearchIndex {
  entries: Entry[] = [];
  meetings: MeetingSummary[] = [];
  people: PersonSummary[] = [];
  concepts: ConceptSummary[] = [];

  async load(): Promise<void> {
    const [meetings, people, concepts] = await Promise.all([api.meetings(), api.people(), api.concepts()]);
    this.meetings = meetings;
    this.people = people;
    this.concepts = concepts;
    const e: Entry[] = [];
    for (const p of people) {
      e.push({
        type: 'person',
        key: p.id,
        label: p.name,
        labelEn: '',
        sub: (p.posts ?? []).join(' / '),
        terms: [p.name, p.id].map(fold),
        weight: p.counts?.mentions ?? 0,
      });
    }
    for (const c of concepts) {
      e.push({
        type: 'concept',
        key: c.id,
        label: c.label,
        labelEn: c.label_en ?? '',
        sub: `${conceptTypeLabel(c.type)} · ${c.counts?.mentions ?? 0} 件 mentions`,
        terms: [c.label, c.label_en ?? '', c.id, ...(c.aliases ?? [])].filter(Boolean).map(fold),
        weight: c.counts?.mentions ?? 0,
      });
    }
    for (const m of meetings) {
      e.push({
        type: 'meeting',
        key: m.id,
        label: meetingLabel(m),
        labelEn: '',
        sub: `${m.date}${m.place ? ' · ' + m.place : ''}`,
        terms: [m.id, m.title, meetingLabel(m), m.date, m.body ?? ''].filter(Boolean).map(fold),
        weight: 1000,
      });
    }
    this.entries = e;
    this.hasAliases = concepts.some((c) => Array.isArray(c.aliases));
  }

  /** Whether the concept list carries aliases; if not, the box asks the
   * server to resolve a text that matches no label. */
  hasAliases = false;

  /** The entries matching q, best first: exact, then prefix, then substring. */
  find(q: string, limit = 12): Entry[] {
    const f = fold(q);
    if (!f) return [];
    const scored: [number, Entry][] = [];
    for (const e of this.entries) {
      let best = 0;
      for (const t of e.terms) {
        if (t === f) best = Math.max(best, 3);
        else if (t.startsWith(f)) best = Math.max(best, 2);
        else if (t.includes(f)) best = Math.max(best, 1);
      }
      if (best > 0) scored.push([best, e]);
    }
    scored.sort((a, b) => b[0] - a[0] || b[1].weight - a[1].weight || a[1].label.localeCompare(b[1].label, 'ja'));
    return scored.slice(0, limit).map((s) => s[1]);
  }

  meeting(id: string): MeetingSummary | undefined {
    return this.meetings.find((m) => m.id === id);
  }
}

export function meetingLabel(m: { id: string; body?: string; number?: number; title?: string }): string {
  if (m.body && m.number) return `${m.body} 第${m.number}回`;
  return m.title || m.id;
}

/** The meeting's number: 第17回. */
export function meetingNumber(m: { id: string; number?: number } | undefined, id = ''): string {
  if (m?.number) return `第${m.number}回`;
  return (m?.id ?? id).replace(/^.*-(\d+)$/, '第$1回');
}

/** Short meeting label: 第17回 (2018-04-04). */
export function meetingShort(m: { id: string; number?: number; date?: string } | undefined, id = ''): string {
  if (!m) return id.replace(/^.*-(\d+)$/, '第$1回') || id;
  return `第${m.number ?? '?'}回${m.date ? ` (${m.date})` : ''}`;
}

/** Wires the search input and its drop-down list. */
export function searchBox(
  input: HTMLInputElement,
  list: HTMLElement,
  index: SearchIndex,
  choose: (e: Entry) => void,
  fallback: (q: string) => Promise<Entry | null>,
): void {
  let items: Entry[] = [];
  let active = -1;
  let seq = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    active = -1;
  };
  const pick = (e: Entry) => {
    close();
    input.value = e.label;
    input.blur();
    choose(e);
  };
  const render = (q: string) => {
    if (!q.trim()) {
      close();
      return;
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (items.length === 0) {
      replace(list, h('li', { class: 'empty' }, `「${q}」に一致するものはありません · No match`));
      return;
    }
    replace(
      list,
      items.map((e, i) => {
        const t = NODE_TYPES[e.type];
        return h(
          'li',
          {
            role: 'option',
            id: `search-opt-${i}`,
            class: i === active ? 'active' : '',
            'aria-selected': String(i === active),
            dataset: { type: e.type, key: e.key },
            onmousedown: (ev: Event) => {
              ev.preventDefault(); // keep focus until the click
              pick(e);
            },
          },
          h('span', { class: `badge t-${e.type}` }, `${t.ja} ${t.en}`),
          h('span', { class: 'label' }, e.label, e.labelEn && e.labelEn !== e.label ? h('span', { class: 'en' }, e.labelEn) : null),
          h('span', { class: 'sub' }, e.sub),
        );
      }),
    );
    input.setAttribute('aria-activedescendant', active >= 0 ? `search-opt-${active}` : '');
  };
  const update = async () => {
    const q = input.value;
    const my = ++seq;
    items = index.find(q);
    active = items.length ? 0 : -1;
    render(q);
    // Aliases live on the server: if nothing here matches, ask it to
    // resolve the text as a concept label or alias.
    if (items.length === 0 && q.trim().length >= 2 && !index.hasAliases) {
      const e = await fallback(q.trim()).catch(() => null);
      if (e && my === seq) {
        items = [e];
        active = 0;
        render(q);
      }
    }
  };
  input.addEventListener('input', () => void update());
  input.addEventListener('focus', () => {
    if (input.value.trim()) void update();
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (!items.length) return;
      ev.preventDefault();
      active = (active + (ev.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      render(input.value);
    } else if (ev.key === 'Enter') {
      if (ev.isComposing) return; // an IME is converting: Enter confirms the kana
      ev.preventDefault();
      if (active >= 0 && items[active]) pick(items[active]);
    } else if (ev.key === 'Escape') {
      close();
    }
  });
}
