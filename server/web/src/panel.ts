// The side panel: the details of the selected person, concept, meeting,
// organisation or agenda item.

import { api, type Mention, type RaisedFilter } from './api';
import { h, replace } from './dom';
import { stack, timeline } from './timeline';
import type { NodeInfo } from './graphview';
import { meetingLabel, meetingNumber, type SearchIndex } from './search';
import type { SpeechRef } from './speech';
import { meetingDetail } from './speech';
import { highlightSurfaces } from './text';
import { NODE_TYPES, conceptTypeLabel, type NodeType } from './types';

export interface PanelContext {
  index: SearchIndex;
  /** Shows a node's details here, and selects it in the graph if shown. */
  open(type: NodeType, key: string): void;
  /** Rebuilds the graph around the node. */
  focusGraph(type: NodeType, key: string): void;
  speech(ref: SpeechRef): void;
  table(f: RaisedFilter, caption: string): void;
  neighbours(type: NodeType, key: string): NodeInfo[];
  graphNode(type: NodeType, key: string): NodeInfo | undefined;
}

function link(ctx: PanelContext, type: NodeType, key: string, text: string, cls = ''): HTMLElement {
  return h(
    'a',
    {
      href: `#${type}/${encodeURIComponent(key)}`,
      class: `node-link t-${type} ${cls}`,
      dataset: { type, key },
      onclick: (e: Event) => {
        e.preventDefault();
        ctx.open(type, key);
      },
    },
    text,
  );
}

function badge(type: NodeType): HTMLElement {
  const t = NODE_TYPES[type];
  return h('span', { class: `badge t-${type}` }, `${t.ja} ${t.en}`);
}

function actions(...buttons: (HTMLElement | null)[]): HTMLElement {
  return h('div', { class: 'actions' }, buttons);
}

function button(text: string, onclick: () => void, testid = ''): HTMLButtonElement {
  return h('button', { type: 'button', 'data-testid': testid || undefined, onclick }, text);
}

function evidenceButton(ctx: PanelContext, r: Mention, surfaces: string[]): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'evidence',
      title: '発言全文を表示 · Show the whole speech',
      onclick: () => ctx.speech({ meeting: r.meeting_id, seq: r.speech, speaker: r.person_id, sentence: r.sentence, surfaces }),
    },
    h('span', { class: 'ev-meta' }, `${r.date} · ${meetingNumber(ctx.index.meeting(r.meeting_id), r.meeting_id)}`),
    h('span', { class: 'ev-text' }, highlightSurfaces(r.sentence, surfaces)),
  );
}

/** One button per sentence: a sentence naming a concept twice (SBOM,
 * Software Bill of Materials) is one piece of evidence. */
function evidenceList(ctx: PanelContext, rows: Mention[]): HTMLElement {
  const bySentence = new Map<string, { r: Mention; surfaces: string[] }>();
  for (const r of rows) {
    const k = `${r.meeting_id}\u0000${r.speech}\u0000${r.sentence}`;
    const e = bySentence.get(k);
    if (e) {
      if (!e.surfaces.includes(r.surface)) e.surfaces.push(r.surface);
    } else {
      bySentence.set(k, { r, surfaces: [r.surface] });
    }
  }
  return h(
    'div',
    { class: 'evidence-list' },
    [...bySentence.values()].map((e) => evidenceButton(ctx, e.r, e.surfaces)),
  );
}

function loading(): HTMLElement {
  return h('p', { class: 'muted' }, '読み込み中… Loading…');
}

function failed(err: unknown): HTMLElement {
  return h('p', { class: 'error' }, `読み込めません · Could not load: ${err instanceof Error ? err.message : String(err)}`);
}

/** The width a chart can take in the panel el (16 px padding each side). */
function chartWidth(el: HTMLElement): number {
  return Math.max(240, Math.min(520, el.clientWidth - 34));
}

/** The notice on a meeting whose document is marked complete: false. */
export function incomplete(): HTMLElement {
  return h(
    'p',
    { class: 'notice', role: 'note', 'data-testid': 'incomplete' },
    '⚠ この議事録は一部しか読み取れていません。言及や出席者が欠けている可能性があります。',
    h('br'),
    'These minutes were only partly read (complete: false): mentions and attendees may be missing.',
  );
}

export async function showPerson(el: HTMLElement, ctx: PanelContext, key: string): Promise<void> {
  replace(el, loading());
  let p, rows: Mention[];
  try {
    [p, { rows }] = await Promise.all([api.person(key), api.raisedAll({ person: key })]);
  } catch (err) {
    replace(el, failed(err));
    return;
  }
  const byConcept = new Map<string, Mention[]>();
  for (const r of rows) {
    const l = byConcept.get(r.concept_id) ?? [];
    l.push(r);
    byConcept.set(r.concept_id, l);
  }
  const concepts = [...byConcept.values()].sort((a, b) => b.length - a.length || a[0].date.localeCompare(b[0].date));
  replace(
    el,
    h(
      'header',
      { class: 'panel-head' },
      badge('person'),
      h('h2', { 'data-testid': 'panel-title' }, p.name),
      p.reading ? h('div', { class: 'muted' }, p.reading) : null,
      h('div', { class: 'muted' }, `${p.counts.meetings} 会議 meetings · ${p.counts.speeches} 発言 speeches · ${p.counts.mentions} 言及 mentions`),
    ),
    actions(
      button('グラフの中心に · Focus graph', () => ctx.focusGraph('person', p.id)),
      button('表で見る · Table', () => ctx.table({ person: p.id }, `${p.name} が提起した概念`), 'table-button'),
    ),
    timeline(stack(rows, (r) => r.concept_id, (r) => r.concept), '提起した概念の推移 Concepts raised over time (mentions per meeting)', chartWidth(el)),
    h('h3', null, '役職（会議ごと） Posts at each meeting'),
    h(
      'ul',
      { class: 'posts', 'data-testid': 'posts' },
      (p.held ?? []).map((x) =>
        h(
          'li',
          null,
          h('div', { class: 'post' }, x.post || '—'),
          h(
            'div',
            { class: 'muted' },
            x.date,
            ' · ',
            link(ctx, 'meeting', x.meeting_id, meetingNumber(ctx.index.meeting(x.meeting_id), x.meeting_id)),
            x.role ? ` · ${x.role}` : '',
            x.organization ? ` · ${x.organization}` : '',
          ),
        ),
      ),
    ),
    h('h3', null, `提起した概念 Concepts raised (${concepts.length})`),
    concepts.length === 0
      ? h('p', { class: 'muted' }, 'なし · None')
      : h(
          'ul',
          { class: 'raised', 'data-testid': 'concepts-raised' },
          concepts.map((rs, i) =>
            h(
              'li',
              null,
              h(
                'details',
                { open: i < 3 },
                h(
                  'summary',
                  null,
                  link(ctx, 'concept', rs[0].concept_id, rs[0].concept),
                  rs[0].concept_en && rs[0].concept_en !== rs[0].concept ? h('span', { class: 'en' }, rs[0].concept_en) : null,
                  h('span', { class: 'count' }, `×${rs.length}`),
                ),
                evidenceList(ctx, rs),
              ),
            ),
          ),
        ),
  );
}

export async function showConcept(el: HTMLElement, ctx: PanelContext, key: string, narrower = false): Promise<void> {
  replace(el, loading());
  let c, rows: Mention[];
  try {
    [c, { rows }] = await Promise.all([api.concept(key), api.raisedAll({ concept: key, narrower })]);
  } catch (err) {
    replace(el, failed(err));
    return;
  }
  const byPerson = new Map<string, Mention[]>();
  for (const r of rows) {
    const l = byPerson.get(r.person_id) ?? [];
    l.push(r);
    byPerson.set(r.person_id, l);
  }
  const people = [...byPerson.values()].sort((a, b) => a[0].date.localeCompare(b[0].date) || b.length - a.length);
  const refs = (title: string, list: { id: string; label: string; label_en?: string }[]) =>
    list.length
      ? h(
          'div',
          { class: 'refs' },
          h('span', { class: 'muted' }, title),
          list.map((r) => link(ctx, 'concept', r.id, r.label)),
        )
      : null;
  replace(
    el,
    h(
      'header',
      { class: 'panel-head' },
      badge('concept'),
      h('h2', { 'data-testid': 'panel-title' }, c.label),
      c.label_en && c.label_en !== c.label ? h('div', { class: 'en big' }, c.label_en) : null,
      h('div', { class: 'muted' }, conceptTypeLabel(c.type)),
      c.note ? h('p', { class: 'note', lang: 'en' }, c.note) : null,
      c.aliases?.length ? h('div', { class: 'aliases' }, h('span', { class: 'muted' }, '別名 Aliases: '), c.aliases.join('、')) : null,
      refs('上位 Broader: ', c.broader ?? []),
      refs('下位 Narrower: ', c.narrower ?? []),
    ),
    actions(
      button('グラフの中心に · Focus graph', () => ctx.focusGraph('concept', c.id)),
      button('表で見る · Table', () => ctx.table({ concept: c.id, narrower }, `${c.label} を提起した人`), 'table-button'),
    ),
    timeline(stack(rows, (r) => r.person_id, (r) => r.person), '言及の推移（発言者別） Mentions per meeting over time, by speaker', chartWidth(el)),
    c.narrower?.length
      ? h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            checked: narrower,
            onchange: (e: Event) => void showConcept(el, ctx, key, (e.target as HTMLInputElement).checked),
          }),
          ` 下位概念も含める Include narrower concepts (${c.narrower.map((n) => n.label).join('、')})`,
        )
      : null,
    h('h3', null, `提起した人 Who raised it (${people.length} 人 people, ${rows.length} 件 mentions)`),
    people.length === 0
      ? h('p', { class: 'muted' }, '発言中の言及はありません · Not raised in any speech')
      : h(
          'ul',
          { class: 'raised', 'data-testid': 'raised-by' },
          people.map((rs) => {
            const dates = [...new Set(rs.map((r) => r.date))];
            const posts = [...new Set(rs.map((r) => r.post).filter(Boolean))];
            return h(
              'li',
              { class: 'raiser' },
              h(
                'details',
                { open: people.length <= 8 },
                h(
                  'summary',
                  null,
                  link(ctx, 'person', rs[0].person_id, rs[0].person, 'person-name'),
                  h('span', { class: 'count' }, `×${rs.length}`),
                  h('div', { class: 'muted small' }, `${dates.join(', ')} · ${posts.join(' / ')}`),
                ),
                evidenceList(ctx, rs),
              ),
            );
          }),
        ),
  );
}

export async function showMeeting(el: HTMLElement, ctx: PanelContext, key: string): Promise<void> {
  replace(el, loading());
  let m;
  try {
    m = await meetingDetail(key);
  } catch (err) {
    replace(el, failed(err));
    return;
  }
  const speakers = new Set(m.speeches.map((s) => s.speaker_id));
  replace(
    el,
    h(
      'header',
      { class: 'panel-head' },
      badge('meeting'),
      h('h2', { 'data-testid': 'panel-title' }, meetingLabel(m)),
      h('div', null, m.title),
      h('div', { class: 'muted' }, `${m.date}${m.start ? ` ${m.start}–${m.end ?? ''}` : ''}${m.place ? ' · ' + m.place : ''}`),
      m.complete === false ? incomplete() : null,
      h('div', { class: 'muted' }, `${m.attendees.length} 出席 attendees · ${m.speeches.length} 発言 speeches · ${m.counts?.mentions ?? 0} 言及 mentions`),
    ),
    actions(
      button('この会議のグラフ · Meeting graph', () => ctx.focusGraph('meeting', m.id)),
      button('表で見る · Table', () => ctx.table({ meeting: m.id }, `${meetingLabel(m)} で提起された概念`), 'table-button'),
    ),
    h('h3', null, `議題 Agenda (${m.agenda.length})`),
    h(
      'ol',
      { class: 'agenda' },
      m.agenda.map((a) => h('li', null, a.kind ? h('span', { class: 'tag' }, a.kind) : null, ' ', a.title)),
    ),
    m.decisions.length
      ? [
          h('h3', null, `決定 Decisions (${m.decisions.length})`),
          h(
            'ul',
            { class: 'decisions' },
            m.decisions.map((d) => h('li', null, d.title, d.outcome ? h('span', { class: 'outcome' }, ` → ${d.outcome}`) : null)),
          ),
        ]
      : null,
    h('h3', null, `出席者 Attendees (${m.attendees.length})`),
    h(
      'table',
      { class: 'attendees' },
      h('thead', null, h('tr', null, h('th', null, '氏名 Name'), h('th', null, '役職 Post'), h('th', null, '役割 Role'))),
      h(
        'tbody',
        null,
        m.attendees.map((a) =>
          h(
            'tr',
            null,
            h('td', null, link(ctx, 'person', a.person_id, a.name), speakers.has(a.person_id) ? h('span', { class: 'tag spoke', title: 'この会議で発言 · Spoke at this meeting' }, '発言') : null),
            h('td', null, a.post ?? ''),
            h('td', null, a.role ?? ''),
          ),
        ),
      ),
    ),
  );
}

/** Organisations and agenda items have no endpoint: show their neighbours. */
export function showOther(el: HTMLElement, ctx: PanelContext, n: NodeInfo): void {
  const near = ctx.neighbours(n.type, n.key);
  const groups = new Map<NodeType, NodeInfo[]>();
  for (const x of near) {
    const l = groups.get(x.type) ?? [];
    l.push(x);
    groups.set(x.type, l);
  }
  replace(
    el,
    h(
      'header',
      { class: 'panel-head' },
      badge(n.type),
      h('h2', { 'data-testid': 'panel-title' }, n.label),
      n.labelEn && n.labelEn !== n.label ? h('div', { class: 'en big' }, n.labelEn) : null,
    ),
    actions(button('グラフの中心に · Focus graph', () => ctx.focusGraph(n.type, n.id))),
    h('p', { class: 'muted small' }, 'グラフ上でつながっているもの · Connected in the graph shown:'),
    [...groups.entries()].map(([t, list]) => [
      h('h3', null, `${NODE_TYPES[t].ja} ${NODE_TYPES[t].en} (${list.length})`),
      h(
        'ul',
        { class: 'plain' },
        list.map((x) => h('li', null, x.type === 'person' || x.type === 'concept' || x.type === 'meeting' ? link(ctx, x.type, x.key, x.label) : x.label)),
      ),
    ]),
  );
}
