// The interactive graph: Cytoscape.js with the fCoSE layout.

import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, NodeSingular, LayoutOptions } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { GraphElement } from './api';
import { FONT, nodeInfo, type Lang, type NodeInfo } from './nodeinfo';
import { NODE_TYPES, type NodeType } from './types';

cytoscape.use(fcose);

export { FONT, nodeInfo, type Lang, type NodeInfo } from './nodeinfo';

const EDGE_LABELS = 6; // the most edges around a selected node that show their labels

const LABEL_MAX = 18; // characters shown on the canvas; the panel has the rest

function shorten(s: string): string {
  const a = Array.from(s);
  return a.length > LABEL_MAX ? a.slice(0, LABEL_MAX - 1).join('') + '…' : s;
}

function displayLabel(n: NodeInfo, lang: Lang): string {
  let s = lang === 'en' && n.labelEn ? n.labelEn : n.label;
  if (n.type === 'meeting' && n.date) s = `${s}\n${n.date}`;
  return n.type === 'agenda' ? shorten(s) : s;
}

export interface GraphHandlers {
  select(n: NodeInfo | null): void;
  expand(n: NodeInfo): void;
}

export class GraphView {
  cy: Core;
  lang: Lang = 'ja';
  layoutName = 'fcose';
  private running: cytoscape.Layouts | null = null;

  constructor(container: HTMLElement, private on: GraphHandlers) {
    this.cy = cytoscape({
      container,
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      style: this.style(),
    });
    this.cy.on('tap', 'node', (e) => this.on.select(nodeInfo(e.target.data())));
    this.cy.on('tap', (e) => {
      if (e.target === this.cy) this.on.select(null);
    });
    this.cy.on('dbltap', 'node', (e) => this.on.expand(nodeInfo(e.target.data())));
    this.cy.on('mouseover', 'node', (e) => e.target.addClass('hover'));
    this.cy.on('mouseout', 'node', (e) => e.target.removeClass('hover'));
  }

  private style(): cytoscape.StylesheetJson {
    const s: cytoscape.StylesheetJson = [
      {
        selector: 'node',
        style: {
          label: 'data(display)',
          'font-family': FONT,
          // Bigger nodes get bigger labels, which stay readable when the
          // whole graph is in view; the rest appear on zooming in.
          'font-size': 'mapData(size, 16, 64, 10, 22)',
          color: '#1a202c',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': 'wrap',
          'text-max-width': '140px',
          'text-outline-color': '#ffffff',
          'text-outline-width': 2,
          'min-zoomed-font-size': 6,
          width: 'data(size)',
          height: 'data(size)',
          'border-width': 1,
          'border-color': '#ffffff',
        },
      },
      {
        selector: 'edge',
        style: {
          width: 'data(width)',
          'line-color': '#b8c2cc',
          'curve-style': 'haystack',
          opacity: 0.7,
        },
      },
    ];
    for (const [t, info] of Object.entries(NODE_TYPES)) {
      s.push({ selector: `node[type = "${t}"]`, style: { 'background-color': info.color, shape: info.shape as never } });
    }
    s.push(
      { selector: 'node[type = "meeting"]', style: { 'font-size': 16, 'font-weight': 700, 'text-max-width': '240px' } },
      { selector: 'node[type = "person"]', style: { 'font-size': 13, 'font-weight': 600 } },
      { selector: 'node[type = "agenda"]', style: { 'font-size': 10, color: '#2d5f50' } },
      { selector: 'node[type = "organisation"]', style: { 'font-size': 10, color: '#4a5568' } },
      { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#2d3748', 'border-style': 'double' } },
      { selector: '.faded', style: { opacity: 0.12, 'text-opacity': 0 } },
      // Labels that would overlap a more important one are hidden (see
      // declutter); hovering or selecting the node shows its label.
      { selector: 'node.quiet', style: { label: '' } },
      { selector: 'node.quiet.hover, node.quiet:selected', style: { label: 'data(display)' } },
      { selector: 'node.hover', style: { 'min-zoomed-font-size': 0, 'z-index': 20, 'font-size': 14 } },
      {
        selector: 'node:selected',
        style: { 'border-width': 4, 'border-color': '#1a202c', 'min-zoomed-font-size': 0, 'font-weight': 700, 'z-index': 30 },
      },
      {
        selector: 'edge.near',
        style: {
          'line-color': '#4a5568',
          opacity: 1,
          'curve-style': 'bezier',
        },
      },
      {
        selector: 'edge.near.named',
        style: {
          label: 'data(predicateLabel)',
          'font-family': FONT,
          'font-size': 9,
          color: '#4a5568',
          'text-rotation': 'autorotate',
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.8,
          'min-zoomed-font-size': 8,
        },
      },
      { selector: '.hidden', style: { display: 'none' } },
    );
    return s;
  }

  private toDefs(elements: GraphElement[]): ElementDefinition[] {
    const defs: ElementDefinition[] = [];
    let maxCount = 1;
    for (const e of elements) {
      if (!isEdge(e)) maxCount = Math.max(maxCount, nodeInfo(e.data).count);
    }
    for (const e of elements) {
      const data: Record<string, unknown> = { ...e.data };
      if (isEdge(e)) {
        const n = Number(data.count ?? data.evidence ?? data.weight ?? 1) || 1;
        data.width = Math.min(1 + Math.log2(n), 6);
        data.predicateLabel = predicateLabel(data);
        defs.push({ group: 'edges', data: data as ElementDefinition['data'] });
      } else {
        const n = nodeInfo(data);
        data.type = n.type;
        data.display = displayLabel(n, this.lang);
        const base = n.type === 'meeting' ? 44 : n.type === 'agenda' || n.type === 'organisation' ? 16 : 20;
        data.size = base + (n.count > 0 ? Math.round(22 * Math.sqrt(n.count / maxCount)) : 0);
        defs.push({ group: 'nodes', data: data as ElementDefinition['data'] });
      }
    }
    return defs;
  }

  /** Replaces the graph; lay it out after filtering. */
  set(elements: GraphElement[]): void {
    this.cy.elements().remove();
    this.cy.add(dropDangling(this.toDefs(elements)));
  }

  /** Adds the elements not yet shown, placed around the node at. */
  merge(elements: GraphElement[], at: string): number {
    const before = this.cy.nodes().length;
    const center = this.cy.getElementById(at);
    const pos = center.nonempty() ? center.position() : { x: 0, y: 0 };
    const fresh = this.toDefs(elements).filter((d) => this.cy.getElementById(String(d.data.id)).empty());
    const nodes = fresh.filter((d) => d.group === 'nodes');
    nodes.forEach((d, i) => {
      const a = (2 * Math.PI * i) / Math.max(nodes.length, 1);
      d.position = { x: pos.x + 80 * Math.cos(a), y: pos.y + 80 * Math.sin(a) };
    });
    const have = new Set(this.cy.nodes().map((n) => n.id()));
    for (const d of nodes) have.add(String(d.data.id));
    this.cy.add(fresh.filter((d) => d.group === 'nodes' || (have.has(String(d.data.source)) && have.has(String(d.data.target)))));
    center.addClass('expanded');
    return this.cy.nodes().length - before;
  }

  layout(fresh: boolean): void {
    this.running?.stop();
    const visible = this.cy.elements(':visible');
    if (visible.empty()) return;
    const n = visible.nodes().length;
    let opts: LayoutOptions;
    switch (this.layoutName) {
      case 'concentric':
        opts = {
          name: 'concentric',
          concentric: (node: NodeSingular) => ({ meeting: 5, person: 4, organisation: 3, agenda: 2, concept: 1 })[String(node.data('type'))] ?? 0,
          levelWidth: () => 1,
          minNodeSpacing: 6,
          animate: false,
        } as LayoutOptions;
        break;
      case 'breadthfirst':
        opts = { name: 'breadthfirst', directed: false, spacingFactor: 1.1, animate: false } as LayoutOptions;
        break;
      default:
        opts = {
          name: 'fcose',
          quality: n > 400 ? 'draft' : 'default',
          randomize: fresh,
          animate: !fresh && n < 400,
          animationDuration: 500,
          nodeDimensionsIncludeLabels: n < 250,
          packComponents: true,
          idealEdgeLength: () => (n > 150 ? 60 : 80),
          nodeRepulsion: () => 9000,
          edgeElasticity: () => 0.3,
          gravity: 0.4,
          numIter: 2500,
          tile: true,
        } as LayoutOptions;
    }
    this.running = visible.layout(opts);
    this.running.one('layoutstop', () => this.declutter());
    this.running.run();
  }

  /**
   * Hides the labels that would overlap another label: the selected node
   * and the biggest nodes keep theirs, in that order. Label boxes scale
   * with the zoom as the nodes do, so one pass after each layout holds at
   * every zoom level.
   */
  declutter(): void {
    const cy = this.cy;
    if (cy.destroyed()) return;
    const nodes = cy.nodes(':visible');
    nodes.removeClass('quiet');
    const ranked = nodes.toArray().sort((a, b) => Number(b.selected()) - Number(a.selected()) || Number(b.data('size')) - Number(a.data('size')));
    const kept: cytoscape.BoundingBox12[] = [];
    const quiet: string[] = [];
    const pad = 2;
    for (const n of ranked) {
      const bb = n.boundingBox({ includeLabels: true, includeNodes: false, includeOverlays: false });
      if (bb.w === 0 || bb.h === 0) continue;
      const hit = kept.some((k) => bb.x1 - pad < k.x2 && bb.x2 + pad > k.x1 && bb.y1 - pad < k.y2 && bb.y2 + pad > k.y1);
      if (hit) quiet.push(n.id());
      else kept.push(bb);
    }
    cy.batch(() => {
      for (const id of quiet) cy.getElementById(id).addClass('quiet');
    });
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        n.data('display', displayLabel(nodeInfo(n.data()), lang));
      });
    });
  }

  /** Hides the nodes keep rejects, then nodes left with no visible
   * neighbour. The pinned node and its neighbours (the node a view is
   * about) stay whatever keep says, unless hard rejects them. */
  filter(keep: (n: NodeInfo) => boolean, pinned?: string, hard?: (n: NodeInfo) => boolean): void {
    const cy = this.cy;
    const near = new Set<string>();
    if (pinned) {
      const p = cy.getElementById(pinned);
      if (p.nonempty()) p.closedNeighborhood('node').forEach((n) => void near.add(n.id()));
    }
    cy.batch(() => {
      cy.elements().removeClass('hidden');
      cy.nodes().forEach((n) => {
        const i = nodeInfo(n.data());
        if ((hard && !hard(i)) || (!near.has(n.id()) && !keep(i))) n.addClass('hidden');
      });
      // Drop what hiding cut off, but never the node the view is about.
      cy.nodes(':visible').forEach((n) => {
        if (n.id() === pinned) return;
        if (n.connectedEdges().filter((e) => e.source().visible() && e.target().visible()).empty() && cy.nodes().length > 1) {
          n.addClass('hidden');
        }
      });
    });
  }

  /** Selects the node with this graph id or key; returns whether it is shown. */
  focus(idOrKey: string, type?: NodeType): boolean {
    const cy = this.cy;
    let node = cy.getElementById(idOrKey);
    if (node.empty()) {
      node = cy.nodes().filter((n) => {
        const i = nodeInfo(n.data());
        return i.key === idOrKey && (!type || i.type === type);
      });
    }
    cy.elements().unselect();
    this.highlight(null);
    if (node.empty() || !node.first().visible()) return false;
    const one = node.first() as NodeSingular;
    one.select();
    this.highlight(one.id());
    // Move only if the node is out of sight, and keep the zoom the reader chose.
    const p = one.renderedPosition();
    const w = cy.width();
    const hgt = cy.height();
    if (p.x < 40 || p.y < 40 || p.x > w - 40 || p.y > hgt - 40) {
      cy.animate({ center: { eles: one } }, { duration: 300 });
    }
    return true;
  }

  highlight(id: string | null): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().removeClass('faded near named');
      if (!id) return;
      const n = cy.getElementById(id);
      if (n.empty()) return;
      const hood = n.closedNeighborhood();
      cy.elements().not(hood).addClass('faded');
      const edges = n.connectedEdges(':visible');
      edges.addClass('near');
      // Edge labels only where a few edges leave the node: around a hub
      // they pile up over one another (the panel lists them instead).
      if (edges.length <= EDGE_LABELS) edges.addClass('named');
    });
  }

  fit(): void {
    this.cy.animate({ fit: { eles: this.cy.elements(':visible'), padding: 30 } }, { duration: 300 });
  }

  /** Counts of the visible nodes by type, for the legend. */
  counts(): Record<string, number> {
    const c: Record<string, number> = {};
    this.cy.nodes(':visible').forEach((n) => {
      const t = String(n.data('type'));
      c[t] = (c[t] ?? 0) + 1;
    });
    return c;
  }

  /** The text of every label, so the page can load the font subsets it needs. */
  labelText(): string {
    return this.cy
      .nodes()
      .map((n) => String(n.data('display') ?? ''))
      .join('');
  }
}

function isEdge(e: GraphElement): boolean {
  return e.group === 'edges' || (e.data.source !== undefined && e.data.target !== undefined);
}

function dropDangling(defs: ElementDefinition[]): ElementDefinition[] {
  const ids = new Set(defs.filter((d) => d.group === 'nodes').map((d) => String(d.data.id)));
  return defs.filter((d) => d.group === 'nodes' || (ids.has(String(d.data.source)) && ids.has(String(d.data.target))));
}

const PREDICATES: Record<string, string> = {
  attended: '出席',
  attendee: '出席',
  raised: '提起',
  mentions: '言及',
  post: '役職',
  member: '所属',
  organization: '所属',
  organisation: '所属',
  broader: '上位',
  agenda: '議題',
  event: '議題',
  organizer: '主催',
  refersTo: '言及',
};

function predicateLabel(d: Record<string, unknown>): string {
  const p = String(d.predicate ?? d.label ?? '');
  const short = p.replace(/^.*[/#:]/, '');
  const ja = PREDICATES[short];
  const n = Number(d.count ?? d.evidence ?? 0);
  const base = ja ? `${ja} ${short}` : short;
  return n > 1 ? `${base} ×${n}` : base;
}
