// The first screen: the most-raised concepts with the people who raised
// them most, and the most active speakers. It is built from the lists the
// search index already holds plus one /api/concepts/{id} per concept row,
// so it reads the same at 2 meetings and at 1,000, and it draws no graph:
// the Cytoscape canvas (and its animation-frame loop) starts only when the
// graph view is opened.

import { api, type ConceptSummary, type PersonSummary } from './api';
import { h, replace } from './dom';
import type { SearchIndex } from './search';
import { conceptTypeLabel, type NodeType } from './types';

export interface OverviewContext {
  index: SearchIndex;
  open(type: NodeType, key: string): void;
  type: string; // the concept-type filter, '' for all
}

const PAGE = 15;

function bar(n: number, max: number, cls: string): HTMLElement {
  const pct = max > 0 ? Math.max(2, Math.round((100 * n) / max)) : 0;
  return h('span', { class: `bar ${cls}`, style: `--w: ${pct}%`, 'aria-hidden': 'true' });
}

/** Fetches who raised each concept, a few requests at a time. */
async function raisers(ids: string[], done: (id: string, names: { id: string; name: string; count: number }[]) => void): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      try {
        const c = await api.concept(id);
        done(id, [...(c.raised_by ?? [])].sort((a, b) => b.count - a.count).slice(0, 3));
      } catch {
        done(id, []);
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

export function renderOverview(el: HTMLElement, ctx: OverviewContext): Promise<void> {
  const { index } = ctx;
  const concepts = index.concepts
    .filter((c) => (c.counts?.mentions ?? 0) > 0 && (!ctx.type || c.type === ctx.type))
    .sort((a, b) => b.counts.mentions - a.counts.mentions || a.label.localeCompare(b.label, 'ja'));
  const people = index.people.filter((p) => (p.counts?.mentions ?? 0) > 0).sort((a, b) => b.counts.mentions - a.counts.mentions || a.name.localeCompare(b.name, 'ja'));
  const dates = index.meetings.map((m) => m.date).filter(Boolean).sort();
  const incomplete = index.meetings.filter((m) => m.complete === false).length;

  const conceptList = h('ol', { class: 'ranked', 'data-testid': 'top-concepts' });
  const peopleList = h('ol', { class: 'ranked', 'data-testid': 'top-people' });
  const pending: string[] = [];
  const whoCells = new Map<string, HTMLElement>();
  const maxC = concepts[0]?.counts.mentions ?? 0;
  const maxP = people[0]?.counts.mentions ?? 0;

  const conceptRow = (c: ConceptSummary) => {
    const who = h('span', { class: 'who muted' }, '…');
    whoCells.set(c.id, who);
    pending.push(c.id);
    return h(
      'li',
      { 'data-key': c.id },
      h('a', { href: `#concept/${encodeURIComponent(c.id)}`, class: 'name', onclick: (e: Event) => (e.preventDefault(), ctx.open('concept', c.id)) }, c.label),
      c.label_en && c.label_en !== c.label ? h('span', { class: 'en' }, c.label_en) : null,
      h('span', { class: 'kind muted' }, conceptTypeLabel(c.type)),
      h('span', { class: 'figure' }, bar(c.counts.mentions, maxC, 'b-concept'), h('span', { class: 'n' }, `${c.counts.mentions} 件`)),
      h('span', { class: 'sub muted' }, `${c.counts.speakers} 人 people · ${c.counts.meetings} 会議 meetings · 主に Mostly: `, who),
    );
  };
  const personRow = (p: PersonSummary) =>
    h(
      'li',
      { 'data-key': p.id },
      h('a', { href: `#person/${encodeURIComponent(p.id)}`, class: 'name', onclick: (e: Event) => (e.preventDefault(), ctx.open('person', p.id)) }, p.name),
      h('span', { class: 'figure' }, bar(p.counts.mentions, maxP, 'b-person'), h('span', { class: 'n' }, `${p.counts.mentions} 件`)),
      h('span', { class: 'sub muted' }, `${p.counts.meetings} 会議 meetings · ${p.counts.concepts} 概念 concepts${p.posts?.[0] ? ' · ' + p.posts[0] : ''}`),
    );

  const fill = () => {
    const ids = pending.splice(0);
    void raisers(ids, (id, names) => {
      const cell = whoCells.get(id);
      if (!cell) return;
      replace(
        cell,
        names.length
          ? names.map((n, i) => [i ? '、' : '', h('a', { href: `#person/${encodeURIComponent(n.id)}`, onclick: (e: Event) => (e.preventDefault(), ctx.open('person', n.id)) }, n.name), ` ${n.count}`])
          : '—',
      );
    });
  };
  const more = (list: HTMLElement, all: unknown[], row: (x: never) => HTMLElement, testid: string) => {
    let shown = 0;
    const btn = h('button', { type: 'button', class: 'more', 'data-testid': testid }, '');
    const add = () => {
      const next = all.slice(shown, shown + PAGE);
      list.append(...next.map((x) => row(x as never)));
      shown += next.length;
      btn.hidden = shown >= all.length;
      btn.textContent = `さらに表示 Show ${Math.min(PAGE, all.length - shown)} more (${all.length - shown} 残り left)`;
      fill();
    };
    btn.addEventListener('click', add);
    add();
    return btn;
  };

  replace(
    el,
    h(
      'div',
      { class: 'overview-inner' },
      h(
        'p',
        { class: 'summary', 'data-testid': 'summary' },
        `${index.meetings.length} 会議 meetings${dates.length ? ` (${dates[0]} – ${dates[dates.length - 1]})` : ''} · ${index.people.length} 人 people · ${concepts.length} 概念 concepts mentioned`,
        incomplete ? h('span', { class: 'warn' }, ` · ${incomplete} 件は一部のみ読み取り partly read`) : null,
      ),
      h(
        'div',
        { class: 'columns' },
        h(
          'section',
          null,
          h('h2', null, 'よく提起された概念 Most-raised concepts', ctx.type ? h('span', { class: 'muted' }, ` · ${conceptTypeLabel(ctx.type)}`) : null),
          concepts.length ? conceptList : h('p', { class: 'muted' }, '該当なし · None'),
          more(conceptList, concepts, conceptRow as (x: never) => HTMLElement, 'more-concepts'),
        ),
        h(
          'section',
          null,
          h('h2', null, 'よく発言した人物 Who raised the most'),
          people.length ? peopleList : h('p', { class: 'muted' }, '該当なし · None'),
          more(peopleList, people, personRow as (x: never) => HTMLElement, 'more-people'),
        ),
      ),
    ),
  );
  return Promise.resolve();
}
