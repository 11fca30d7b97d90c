// The "who raised what" table: one row per mention for the current
// filter, with a CSV download of the same rows.

import { api, type Mention, type RaisedFilter } from './api';
import { h, replace } from './dom';
import { meetingNumber, type SearchIndex } from './search';
import { highlightSurfaces } from './text';
import type { SpeechRef } from './speech';
import { conceptTypeLabel, type NodeType } from './types';

export interface TableContext {
  index: SearchIndex;
  open(type: NodeType, key: string): void;
  speech(ref: SpeechRef): void;
}

let current: AbortController | null = null;

export async function renderTable(el: HTMLElement, status: HTMLElement, csv: HTMLAnchorElement, ctx: TableContext, f: RaisedFilter): Promise<void> {
  current?.abort();
  const ac = new AbortController();
  current = ac;
  csv.href = api.raisedURL(f, 'csv');
  csv.download = 'gijigraph-raised.csv';
  replace(status, '読み込み中… Loading…');
  let rows: Mention[];
  let total: number | undefined;
  try {
    ({ rows, total } = await api.raised(f, ac.signal));
  } catch (err) {
    if (ac.signal.aborted) return;
    replace(status, h('span', { class: 'error' }, `読み込めません · Could not load: ${String(err)}`));
    replace(el);
    return;
  }
  const people = new Set(rows.map((r) => r.person_id)).size;
  const concepts = new Set(rows.map((r) => r.concept_id)).size;
  replace(status, `${total ?? rows.length} 件 mentions · ${people} 人 people · ${concepts} 概念 concepts`);
  const link = (type: NodeType, key: string, text: string) =>
    h(
      'a',
      {
        href: `#${type}/${encodeURIComponent(key)}`,
        onclick: (e: Event) => {
          e.preventDefault();
          ctx.open(type, key);
        },
      },
      text,
    );
  const body = h('tbody');
  // Render in chunks, so a few thousand rows do not freeze the page.
  const chunk = 300;
  const add = (from: number) => {
    if (ac.signal.aborted) return;
    for (const r of rows.slice(from, from + chunk)) {
      body.append(
        h(
          'tr',
          null,
          h('td', { class: 'nowrap' }, r.date, h('br'), link('meeting', r.meeting_id, meetingNumber(ctx.index.meeting(r.meeting_id), r.meeting_id))),
          h('td', { class: 'who' }, link('person', r.person_id, r.person), h('div', { class: 'muted small' }, r.post)),
          h(
            'td',
            { class: 'what' },
            link('concept', r.concept_id, r.concept),
            r.concept_en && r.concept_en !== r.concept ? h('div', { class: 'en' }, r.concept_en) : null,
            h('div', { class: 'muted small' }, conceptTypeLabel(r.concept_type)),
          ),
          h(
            'td',
            null,
            h(
              'button',
              {
                type: 'button',
                class: 'evidence inline',
                title: '発言全文を表示 · Show the whole speech',
                onclick: () => ctx.speech({ meeting: r.meeting_id, seq: r.speech, speaker: r.person_id, sentence: r.sentence, surfaces: [r.surface] }),
              },
              highlightSurfaces(r.sentence, [r.surface]),
            ),
          ),
        ),
      );
    }
    if (from + chunk < rows.length) setTimeout(() => add(from + chunk), 0);
  };
  add(0);
  replace(
    el,
    rows.length === 0
      ? h('p', { class: 'muted empty' }, 'この条件に一致する言及はありません · No mentions match these filters')
      : h(
          'table',
          { class: 'raised-table', 'data-testid': 'raised-table' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['日付・会議 Date, meeting', '人物・当時の役職 Person, post then', '概念 Concept', '根拠の文（クリックで発言全文） Evidence: click for the speech'].map((t) =>
                h('th', null, t),
              ),
            ),
          ),
          body,
        ),
  );
}
