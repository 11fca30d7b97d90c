// gijigraph's graph explorer: search, graph, side panel, filters and the
// "who raised what" table, over the JSON API of `gijigraph serve`.

import '@fontsource-variable/noto-sans-jp';
import './style.css';

import { api, APIError, type GraphElement, type RaisedFilter } from './api';
import { $, h, replace } from './dom';
import type { GraphView } from './graphview';
import { FONT, nodeInfo, type Lang, type NodeInfo } from './nodeinfo';
import { showConcept, showMeeting, showOther, showPerson, type PanelContext } from './panel';
import { SearchIndex, meetingShort, searchBox, type Entry } from './search';
import { showSpeech, type SpeechRef } from './speech';
import { renderOverview } from './overview';
import { renderTable } from './table';
import { CONCEPT_TYPES, NODE_TYPES, type NodeType } from './types';

// ---- state -------------------------------------------------------------

interface Filters {
  meeting: string;
  from: string;
  to: string;
  type: string;
  narrower: boolean;
}

type View = 'overview' | 'graph' | 'table';

type GraphMode = { kind: 'overview' } | { kind: 'focus'; type: NodeType; key: string; label: string };

const state = {
  filters: { meeting: '', from: '', to: '', type: '', narrower: false } as Filters,
  mode: { kind: 'overview' } as GraphMode,
  depth: 1,
  // Concepts mentioned fewer times are hidden (except next to the node
  // the view is about): 259 concepts around two meetings are a hairball.
  minMentions: 2,
  view: 'overview' as View,
  lang: 'ja' as Lang,
  layoutName: 'fcose',
  // What the table is limited to besides the filters: a person or concept
  // chosen with a panel's "Table" button.
  tableExtra: {} as RaisedFilter,
  tableCaption: '',
};

// ---- layout ------------------------------------------------------------

// Dates are typed as ISO 8601 (2021-07-07): <input type="date"> shows the
// browser's locale format (mm/dd/yyyy in an English browser), which
// Japanese researchers do not write and the API does not take.
function dateInput(id: string): HTMLInputElement {
  return h('input', {
    id,
    type: 'text',
    inputmode: 'numeric',
    placeholder: 'YYYY-MM-DD',
    pattern: '\\d{4}-\\d{2}-\\d{2}',
    maxlength: 10,
    autocomplete: 'off',
    spellcheck: false,
    title: '年-月-日 Year-month-day, e.g. 2021-07-07',
  });
}

/** The ISO date in a date input, '' if it is empty or not a date. */
function dateValue(id: string): string {
  const el = $(id) as HTMLInputElement;
  const v = el.value.trim().replace(/[/.]/g, '-');
  const ok = v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v + 'T00:00:00Z')));
  el.setAttribute('aria-invalid', String(!ok));
  return ok ? v : '';
}

const typeOptions = Object.entries(CONCEPT_TYPES).map(([t, ja]) => h('option', { value: t }, `${ja} ${t}`));

const app = $('#app');
app.append(
  h(
    'header',
    { class: 'top' },
    h('div', { class: 'brand' }, h('strong', null, 'gijigraph'), h('span', null, '会議録ナレッジグラフ · Meeting-minutes knowledge graph')),
    h(
      'div',
      { class: 'search', role: 'combobox', 'aria-haspopup': 'listbox', 'aria-owns': 'search-results' },
      h('input', {
        id: 'search',
        type: 'search',
        placeholder: '人物・概念・会議を検索 · Search people, concepts, meetings',
        'aria-label': '検索 Search',
        'aria-autocomplete': 'list',
        'aria-controls': 'search-results',
        autocomplete: 'off',
        spellcheck: false,
      }),
      h('ul', { id: 'search-results', role: 'listbox', hidden: true }),
    ),
    h(
      'nav',
      { class: 'views', 'aria-label': '表示 View' },
      h('button', { type: 'button', id: 'view-overview', 'aria-pressed': 'true' }, '概要 Overview'),
      h('button', { type: 'button', id: 'view-graph', 'aria-pressed': 'false' }, 'グラフ Graph'),
      h('button', { type: 'button', id: 'view-table', 'aria-pressed': 'false' }, '誰が何を提起したか Who raised what'),
    ),
    h(
      'div',
      { class: 'lang', role: 'group', 'aria-label': 'ラベルの言語 Label language' },
      h('button', { type: 'button', id: 'lang-ja', 'aria-pressed': 'true', title: 'グラフのラベルを日本語で' }, '日本語'),
      h('button', { type: 'button', id: 'lang-en', 'aria-pressed': 'false', title: 'Graph labels in English where known' }, 'EN'),
    ),
    h('button', { type: 'button', id: 'help', class: 'icon', title: '使い方 How to use', 'aria-label': '使い方 How to use' }, '?'),
  ),
  h(
    'aside',
    { class: 'filters', 'aria-label': 'フィルター Filters' },
    h('h2', null, '絞り込み Filters'),
    h('label', null, '会議 Meeting', h('select', { id: 'f-meeting' }, h('option', { value: '' }, 'すべて All meetings'))),
    h(
      'div',
      { class: 'dates' },
      h('label', null, '開始日 From', dateInput('f-from')),
      h('label', null, '終了日 To', dateInput('f-to')),
    ),
    h('label', null, '概念の種類 Concept type', h('select', { id: 'f-type' }, h('option', { value: '' }, 'すべて All types'), typeOptions)),
    h('label', { class: 'check' }, h('input', { id: 'f-narrower', type: 'checkbox' }), ' 表に下位概念も含める · Table: include narrower concepts'),
    h('button', { type: 'button', id: 'f-reset', class: 'link' }, 'すべて解除 Clear filters'),
    h('h2', null, 'グラフ Graph'),
    h(
      'label',
      null,
      '配置 Layout',
      h(
        'select',
        { id: 'g-layout' },
        h('option', { value: 'fcose' }, '力学 Force (fCoSE)'),
        h('option', { value: 'concentric' }, '同心円 Concentric'),
        h('option', { value: 'breadthfirst' }, '階層 Tree'),
      ),
    ),
    h(
      'label',
      null,
      '概念の最小言及数 Hide concepts mentioned fewer times than',
      h(
        'select',
        { id: 'g-min' },
        [0, 1, 2, 3, 5, 10].map((n) => h('option', { value: String(n), selected: n === 2 }, n === 0 ? 'すべて表示 Show all' : `${n} 回 times`)),
      ),
    ),
    h(
      'label',
      null,
      '近傍の深さ Neighbourhood depth',
      h('select', { id: 'g-depth' }, h('option', { value: '1' }, '1'), h('option', { value: '2' }, '2'), h('option', { value: '3' }, '3')),
    ),
    h('h2', null, '凡例 Legend'),
    h('ul', { id: 'legend', class: 'legend' }),
    h(
      'p',
      { class: 'hint' },
      'クリック: 詳細 · ダブルクリック: 周辺を展開 · ドラッグ: 移動 · ホイール: 拡大',
      h('br'),
      'Click: details · Double-click: expand · Drag: move · Wheel: zoom',
    ),
  ),
  h(
    'main',
    null,
    h(
      'section',
      { id: 'overview-view', 'aria-label': '概要 Overview' },
      h('div', { class: 'graph-bar' }, h('strong', null, '概要 Overview'), h('span', { id: 'overview-status', class: 'muted' })),
      h(
        'div',
        { id: 'overview-body', class: 'overview', 'aria-busy': 'true' },
        h('p', { class: 'loading', 'data-testid': 'loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), '読み込み中… Loading meetings, people and concepts…'),
      ),
    ),
    h(
      'section',
      { id: 'graph-view', hidden: true, 'aria-label': 'グラフ Graph' },
      h(
        'div',
        { class: 'graph-bar' },
        h('span', { id: 'graph-title' }),
        h('span', { id: 'graph-status', class: 'muted' }),
        h('span', { class: 'spacer' }),
        h('button', { type: 'button', id: 'g-overview', hidden: true, title: '全体に戻る · Back to the overview' }, '← 全体 Overview'),
        h('button', { type: 'button', id: 'g-fit', title: '全体表示 · Fit the graph to the view' }, 'Fit'),
        h('button', { type: 'button', id: 'g-relayout', title: '再配置 · Lay the graph out again' }, '再配置 Re-layout'),
      ),
      h('div', { id: 'cy', 'aria-label': 'ネットワーク図 Network diagram' }),
    ),
    h(
      'section',
      { id: 'table-view', hidden: true, 'aria-label': '誰が何を提起したか Who raised what' },
      h(
        'div',
        { class: 'graph-bar' },
        h('span', { id: 'table-title' }),
        h('span', { id: 'table-status', class: 'muted' }),
        h('span', { class: 'spacer' }),
        h('a', { id: 'table-csv', class: 'button', href: '/api/raised?format=csv' }, 'CSV をダウンロード · Download CSV'),
      ),
      h('div', { id: 'table-body', class: 'table-wrap' }),
    ),
  ),
  h('aside', { id: 'panel', class: 'panel', 'aria-live': 'polite', 'aria-label': '詳細 Details' }),
  h(
    'dialog',
    { id: 'speech', 'aria-labelledby': 'speech-title' },
    h(
      'div',
      { class: 'dialog-head' },
      h('div', null, h('h2', { id: 'speech-title' }), h('div', { class: 'speech-meta' })),
      h('button', { type: 'button', class: 'icon', id: 'speech-close', 'aria-label': '閉じる Close' }, '×'),
    ),
    h('div', { class: 'dialog-body' }),
  ),
);

const panel = $('#panel');
const dialog = $('#speech') as HTMLDialogElement;
$('#speech-close').addEventListener('click', () => dialog.close());
dialog.addEventListener('click', (e) => {
  if (e.target === dialog) dialog.close(); // a click on the backdrop
});

// ---- the pieces -----------------------------------------------------------

const index = new SearchIndex();

// The graph exists only while the graph view is shown: Cytoscape.js
// redraws from a requestAnimationFrame loop that runs for as long as the
// instance lives, so a page that kept one (hidden or not) never went idle.
// Cytoscape.js (most of the page's script) is its own chunk, loaded the
// first time the graph is shown.
let gv: GraphView | null = null;
let graphModule: Promise<typeof import('./graphview')> | null = null;

/** The graph, made if need be; null if the graph view was left meanwhile. */
async function graph(): Promise<GraphView | null> {
  if (gv) return gv;
  graphModule ??= import('./graphview');
  const { GraphView } = await graphModule;
  if (gv) return gv;
  if (state.view !== 'graph') return null;
  const g: GraphView = new GraphView($('#cy'), {
    select: (n) => {
      if (!n) {
        g.highlight(null);
        return;
      }
      g.highlight(n.id);
      openPanel(n.type, n.key, n);
    },
    expand: (n) => void expand(n),
  });
  g.layoutName = state.layoutName;
  if (state.lang !== 'ja') g.setLang(state.lang);
  gv = g;
  return g;
}

function dropGraph(): void {
  graphSeq++; // a graph still loading is not shown
  gv?.cy.destroy();
  gv = null;
}

// For the browser test and for poking at the graph from the console.
(window as unknown as { gijigraph: unknown }).gijigraph = {
  get cy() {
    return gv?.cy;
  },
};

function speech(ref: SpeechRef): void {
  void showSpeech(dialog, ref);
}

const ctx: PanelContext = {
  index,
  open: (type, key) => open(type, key),
  focusGraph: (type, key) => {
    const label = labelOf(type, key);
    setMode({ kind: 'focus', type, key, label });
    showView('graph');
  },
  speech,
  table: (f, caption) => {
    state.tableExtra = { concept: f.concept, person: f.person, meeting: f.meeting };
    if (f.narrower !== undefined) setNarrower(f.narrower);
    state.tableCaption = caption;
    showView('table');
  },
  neighbours: (type, key) => {
    const n = findNode(type, key);
    if (!n || !gv) return [];
    const node = gv.cy.getElementById(n.id);
    return node
      .neighborhood('node')
      .map((x) => nodeInfo(x.data()))
      .sort((a, b) => a.type.localeCompare(b.type) || a.label.localeCompare(b.label, 'ja'));
  },
  graphNode: (type, key) => findNode(type, key),
};

function findNode(type: NodeType, key: string): NodeInfo | undefined {
  if (!gv) return undefined;
  const el = gv.cy.getElementById(key);
  if (el.nonempty()) return nodeInfo(el.data());
  for (const n of gv.cy.nodes()) {
    const i = nodeInfo(n.data());
    if (i.type === type && i.key === key) return i;
  }
  return undefined;
}

function labelOf(type: NodeType, key: string): string {
  const n = findNode(type, key);
  if (n) return n.label;
  if (type === 'person') return index.people.find((p) => p.id === key)?.name ?? key;
  if (type === 'concept') return index.concepts.find((c) => c.id === key)?.label ?? key;
  if (type === 'meeting') return meetingShort(index.meeting(key), key);
  return key;
}

// ---- the side panel ------------------------------------------------------

/** Shows a node in the panel and the URL, and selects it in the graph. */
function open(type: NodeType, key: string): void {
  if (gv && gv.focus(key, type)) {
    const n = findNode(type, key);
    if (n) gv.highlight(n.id);
  }
  openPanel(type, key, findNode(type, key));
}

function openPanel(type: NodeType, key: string, n?: NodeInfo): void {
  const hash = `#${type}/${encodeURIComponent(key)}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
  panel.scrollTop = 0;
  switch (type) {
    case 'person':
      void showPerson(panel, ctx, key);
      break;
    case 'concept':
      void showConcept(panel, ctx, key, state.filters.narrower);
      break;
    case 'meeting':
      void showMeeting(panel, ctx, key);
      break;
    default:
      if (n) showOther(panel, ctx, n);
  }
}

function intro(): void {
  replace(
    panel,
    h(
      'div',
      { class: 'intro' },
      h('h2', null, '使い方 How to use'),
      h(
        'p',
        null,
        'このページは、政府の会議の議事録から、誰がどの会議でどの役職で出席し、どの概念（ランサムウェア、ISMAP など）を提起したかを、根拠の文とともに示します。',
      ),
      h(
        'p',
        { lang: 'en' },
        'This page shows, from Japanese government meeting minutes, who attended which meeting in which post, and which concepts (ransomware, ISMAP…) each speaker raised, with the sentence as evidence.',
      ),
      h(
        'ol',
        null,
        h('li', null, '上の検索欄に名前や概念を入力（日本語・英語・別名） · Type a name or concept above (Japanese, English or alias)'),
        h('li', null, 'グラフの点をクリックすると、ここに詳細 · Click a node to see its details here'),
        h('li', null, '根拠の文をクリックすると発言全文 · Click an evidence sentence to read the whole speech'),
        h('li', null, 'ダブルクリックで周辺を展開 · Double-click a node to expand its neighbourhood'),
        h('li', null, '「誰が何を提起したか」で表と CSV · "Who raised what" gives the table and CSV'),
      ),
      h('p', null, '例 Try: '),
      h(
        'div',
        { class: 'examples' },
        ['ransomware', 'wannacry', 'ismap'].map((k) =>
          index.concepts.find((c) => c.id === k) ? h('button', { type: 'button', onclick: () => choose({ type: 'concept', key: k, label: labelOf('concept', k), labelEn: '', sub: '', terms: [], weight: 0 }) }, labelOf('concept', k)) : null,
        ),
        [...index.people].sort((a, b) => b.counts.mentions - a.counts.mentions).slice(0, 2).map((p) => h('button', { type: 'button', onclick: () => choose({ type: 'person', key: p.id, label: p.name, labelEn: '', sub: '', terms: [], weight: 0 }) }, p.name)),
      ),
    ),
  );
}

// ---- the graph -----------------------------------------------------------

let graphSeq = 0;

async function loadGraph(): Promise<void> {
  const my = ++graphSeq;
  const status = $('#graph-status');
  const f = state.filters;
  const mode = state.mode;
  $('#g-overview').hidden = mode.kind === 'overview';
  replace(
    $('#graph-title'),
    mode.kind === 'focus'
      ? h('span', null, h('span', { class: `badge t-${mode.type}` }, NODE_TYPES[mode.type].ja), ` ${mode.label} の周辺`)
      : f.meeting
        ? `${meetingShort(index.meeting(f.meeting), f.meeting)} のグラフ`
        : '全体 Overview',
  );
  replace(status, '読み込み中… Loading…');
  let elements: GraphElement[] = [];
  let truncated = false;
  try {
    if (mode.kind === 'focus') {
      const param = mode.type === 'meeting' ? { meeting: mode.key } : { focus: focusParam(mode.type, mode.key), depth: state.depth };
      ({ elements, truncated } = await api.graph(param));
    } else if (f.meeting) {
      ({ elements, truncated } = await api.graph({ meeting: f.meeting }));
    } else {
      ({ elements, truncated } = await overview());
    }
  } catch (err) {
    if (my !== graphSeq) return;
    replace(status, h('span', { class: 'error' }, `グラフを読み込めません · Could not load the graph: ${err instanceof Error ? err.message : String(err)}`));
    return;
  }
  if (my !== graphSeq || state.view !== 'graph') return;
  const gv = await graph();
  if (!gv || my !== graphSeq || state.view !== 'graph') return;
  gv.set(elements);
  applyFilters(true);
  const pinned = mode.kind === 'focus' ? findNode(mode.type, mode.key) : undefined;
  if (pinned) gv.focus(pinned.id);
  const nodes = gv.cy.nodes(':visible').length;
  const edges = gv.cy.edges(':visible').length;
  replace(
    status,
    `${nodes} nodes · ${edges} edges`,
    truncated ? h('span', { class: 'warn' }, ' · 上限で省略 truncated at the node cap') : null,
  );
  void loadFonts();
}

/** The overview: every meeting's graph, merged. */
async function overview(): Promise<{ elements: GraphElement[]; truncated: boolean }> {
  try {
    const all = await api.graph({});
    if (all.elements.length) return all;
  } catch (err) {
    if (!(err instanceof APIError) || err.status !== 400) throw err;
  }
  const parts = await Promise.all(index.meetings.map((m) => api.graph({ meeting: m.id })));
  const seen = new Set<string>();
  const elements: GraphElement[] = [];
  for (const p of parts) {
    for (const e of p.elements) {
      if (seen.has(e.data.id)) continue;
      seen.add(e.data.id);
      elements.push(e);
    }
  }
  return { elements, truncated: parts.some((p) => p.truncated) };
}

function focusParam(type: NodeType, key: string): string {
  const n = findNode(type, key);
  return n ? n.id : `${type}/${key}`;
}

async function expand(n: NodeInfo): Promise<void> {
  const status = $('#graph-status');
  const gv = await graph();
  if (!gv) return;
  replace(status, `${n.label} を展開中… Expanding…`);
  try {
    const { elements } = await api.graph({ focus: n.id, depth: 1 });
    const added = gv.merge(elements, n.id);
    applyFilters(false);
    if (added > 0) gv.layout(false);
    gv.focus(n.id);
    replace(status, `${n.label}: +${added} ノード nodes · ${gv.cy.nodes(':visible').length} ノード nodes · ${gv.cy.edges(':visible').length} エッジ edges`);
    void loadFonts();
  } catch (err) {
    replace(status, h('span', { class: 'error' }, `展開できません · Could not expand: ${String(err)}`));
  }
}

function applyFilters(relayout: boolean): void {
  if (!gv) return;
  const f = state.filters;
  const pinned = state.mode.kind === 'focus' ? findNode(state.mode.type, state.mode.key)?.id : undefined;
  const meetingOf = (n: NodeInfo) => n.meeting ?? (n.type === 'agenda' ? n.key.replace(/\/[^/]*$/, '') : undefined);
  const dateOf = (id: string | undefined) => (id ? index.meeting(id)?.date : undefined);
  // The filters the user set hide nodes everywhere; the mention
  // threshold only declutters, and spares the focus's neighbours.
  const hard = (n: NodeInfo) => {
    if (n.id === pinned) return true;
    if (n.type === 'concept' && f.type && n.conceptType && n.conceptType !== f.type) return false;
    if (n.type === 'meeting' || n.type === 'agenda') {
      const m = n.type === 'meeting' ? n.key : meetingOf(n);
      const d = n.date ?? dateOf(m);
      if (f.meeting && m && m !== f.meeting) return false;
      if (d && ((f.from && d < f.from) || (f.to && d > f.to))) return false;
    }
    return true;
  };
  gv.filter((n) => !(n.type === 'concept' && n.count < state.minMentions), pinned, hard);
  legend();
  if (relayout) gv.layout(true);
}

function legend(): void {
  const counts: Partial<Record<NodeType, number>> = gv ? gv.counts() : {};
  replace(
    $('#legend'),
    (Object.keys(NODE_TYPES) as NodeType[]).map((t) =>
      h(
        'li',
        null,
        h('span', { class: `swatch s-${t}`, 'aria-hidden': 'true' }),
        h('span', null, `${NODE_TYPES[t].ja} ${NODE_TYPES[t].en}`),
        h('span', { class: 'count' }, gv ? String(counts[t] ?? 0) : ''),
      ),
    ),
  );
}

/** Canvas text does not make the browser fetch the unicode-range subsets
 * of the web font it needs: load them for the labels, then redraw. */
async function loadFonts(): Promise<void> {
  if (!document.fonts || !gv) return;
  const text = gv.labelText();
  try {
    await Promise.all([document.fonts.load(`400 12px ${FONT}`, text), document.fonts.load(`700 12px ${FONT}`, text)]);
  } catch {
    return;
  }
  gv?.cy.style().update();
}

function setMode(m: GraphMode): void {
  state.mode = m;
  if (state.view === 'graph') void loadGraph();
}

// ---- views and the table -------------------------------------------------

function showView(v: View): void {
  const was = state.view;
  state.view = v;
  for (const x of ['overview', 'graph', 'table'] as View[]) {
    $(`#${x}-view`).hidden = v !== x;
    $(`#view-${x}`).setAttribute('aria-pressed', String(v === x));
  }
  if (v !== 'graph') dropGraph();
  if (v === 'table') void loadTable();
  else if (v === 'overview') showOverview();
  else if (was !== 'graph' || !gv) void loadGraph();
  else gv.cy.resize();
}

function showOverview(): void {
  const body = $('#overview-body');
  // A name chosen here opens its panel; the graph view, when opened, is
  // then centred on it rather than on every meeting at once.
  const pick = (type: NodeType, key: string) => {
    state.mode = { kind: 'focus', type, key, label: labelOf(type, key) };
    openPanel(type, key);
  };
  void renderOverview(body, { index, open: pick, type: state.filters.type });
  body.setAttribute('aria-busy', 'false');
}

function tableFilter(): RaisedFilter {
  const f = state.filters;
  return {
    ...state.tableExtra,
    meeting: f.meeting || state.tableExtra.meeting,
    from: f.from,
    to: f.to,
    type: f.type,
    narrower: state.tableExtra.concept ? f.narrower : undefined,
  };
}

function loadTable(): Promise<void> {
  const extra = state.tableExtra;
  const chips: HTMLElement[] = [];
  const chip = (text: string, clear: () => void) =>
    h(
      'span',
      { class: 'chip' },
      text,
      h(
        'button',
        {
          type: 'button',
          'aria-label': '解除 Remove',
          onclick: () => {
            clear();
            void loadTable();
          },
        },
        '×',
      ),
    );
  if (extra.person) chips.push(chip(`人物 ${labelOf('person', extra.person)}`, () => (state.tableExtra.person = undefined)));
  if (extra.concept) chips.push(chip(`概念 ${labelOf('concept', extra.concept)}`, () => (state.tableExtra.concept = undefined)));
  if (extra.meeting && !state.filters.meeting) chips.push(chip(`会議 ${labelOf('meeting', extra.meeting)}`, () => (state.tableExtra.meeting = undefined)));
  replace($('#table-title'), h('strong', null, '誰が何を提起したか Who raised what'), ' ', chips);
  return renderTable($('#table-body'), $('#table-status'), $('#table-csv') as HTMLAnchorElement, { index, open, speech }, tableFilter());
}

// ---- filters -------------------------------------------------------------

function readFilters(): void {
  const f = state.filters;
  f.meeting = ($('#f-meeting') as HTMLSelectElement).value;
  f.from = dateValue('#f-from');
  f.to = dateValue('#f-to');
  f.type = ($('#f-type') as HTMLSelectElement).value;
  f.narrower = ($('#f-narrower') as HTMLInputElement).checked;
}

function setNarrower(v: boolean): void {
  ($('#f-narrower') as HTMLInputElement).checked = v;
  state.filters.narrower = v;
}

function onFilterChange(e: Event): void {
  const before = state.filters.meeting;
  readFilters();
  const id = (e.target as HTMLElement).id;
  if (state.view === 'overview' && id === 'f-type') showOverview();
  if (id === 'f-meeting' && state.mode.kind === 'overview' && before !== state.filters.meeting) {
    if (state.view === 'graph') void loadGraph();
  } else if (id !== 'f-narrower') {
    applyFilters(true);
  }
  if (state.view === 'table') void loadTable();
}

for (const id of ['#f-meeting', '#f-from', '#f-to', '#f-type', '#f-narrower']) {
  $(id).addEventListener('change', onFilterChange);
}
$('#f-reset').addEventListener('click', () => {
  ($('#f-meeting') as HTMLSelectElement).value = '';
  ($('#f-from') as HTMLInputElement).value = '';
  ($('#f-to') as HTMLInputElement).value = '';
  ($('#f-type') as HTMLSelectElement).value = '';
  setNarrower(false);
  state.tableExtra = {};
  readFilters();
  if (state.mode.kind === 'overview' && state.view === 'graph') void loadGraph();
  else applyFilters(true);
  if (state.view === 'table') void loadTable();
  if (state.view === 'overview') showOverview();
});
$('#g-layout').addEventListener('change', (e) => {
  state.layoutName = (e.target as HTMLSelectElement).value;
  if (gv) {
    gv.layoutName = state.layoutName;
    gv.layout(true);
  }
});
$('#g-min').addEventListener('change', (e) => {
  state.minMentions = Number((e.target as HTMLSelectElement).value);
  applyFilters(true);
});
$('#g-depth').addEventListener('change', (e) => {
  state.depth = Number((e.target as HTMLSelectElement).value);
  if (state.mode.kind === 'focus') void loadGraph();
});
$('#g-fit').addEventListener('click', () => gv?.fit());
$('#g-relayout').addEventListener('click', () => gv?.layout(true));
$('#g-overview').addEventListener('click', () => setMode({ kind: 'overview' }));
$('#view-overview').addEventListener('click', () => showView('overview'));
$('#view-graph').addEventListener('click', () => showView('graph'));
$('#view-table').addEventListener('click', () => showView('table'));
$('#help').addEventListener('click', () => {
  history.replaceState(null, '', location.pathname);
  intro();
});
function setLang(l: Lang): void {
  state.lang = l;
  gv?.setLang(l);
  $('#lang-ja').setAttribute('aria-pressed', String(l === 'ja'));
  $('#lang-en').setAttribute('aria-pressed', String(l === 'en'));
  void loadFonts();
}
$('#lang-ja').addEventListener('click', () => setLang('ja'));
$('#lang-en').addEventListener('click', () => setLang('en'));

// ---- start ---------------------------------------------------------------

function choose(e: Entry): void {
  state.mode = { kind: 'focus', type: e.type, key: e.key, label: e.label };
  if (state.view === 'graph') void loadGraph();
  else showView('graph');
  openPanel(e.type, e.key);
}

async function resolveConcept(q: string): Promise<Entry | null> {
  try {
    const c = await api.concept(q);
    return {
      type: 'concept',
      key: c.id,
      label: c.label,
      labelEn: c.label_en ?? '',
      sub: `別名 alias「${q}」`,
      terms: [],
      weight: 0,
    };
  } catch {
    return null;
  }
}

function fromHash(): boolean {
  const m = /^#(person|concept|meeting|organisation|agenda)\/(.+)$/.exec(location.hash);
  if (!m) return false;
  const type = m[1] as NodeType;
  const key = decodeURIComponent(m[2]);
  state.mode = { kind: 'focus', type, key, label: labelOf(type, key) };
  showOverview();
  openPanel(type, key);
  return true;
}

async function start(): Promise<void> {
  performance.mark('gijigraph:loading'); // the loading notice is on screen
  legend();
  try {
    await index.load();
  } catch (err) {
    replace(panel, h('p', { class: 'error' }, `サーバーに接続できません · Could not reach the server: ${String(err)}`));
    replace($('#overview-body'), h('p', { class: 'error' }, `読み込めません · Could not load: ${String(err)}`));
    return;
  }
  const sel = $('#f-meeting') as HTMLSelectElement;
  for (const m of index.meetings) sel.append(h('option', { value: m.id }, `${meetingShort(m)} ${m.body ?? ''}`));
  searchBox($('#search') as HTMLInputElement, $('#search-results'), index, choose, resolveConcept);
  if (!fromHash()) {
    intro();
    showOverview();
  }
  // The first useful screen: the ranked lists are on screen.
  performance.mark('gijigraph:useful');
  document.body.dataset.ready = 'true';
}

void start();
