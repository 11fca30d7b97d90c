// The speech viewer: a dialog with one speech's text, the evidence
// sentence highlighted and scrolled into view.

import { api, type MeetingDetail } from './api';
import { h, replace } from './dom';
import { findSentence, highlightSurfaces } from './text';

const meetings = new Map<string, Promise<MeetingDetail>>();

/** The meeting's detail, fetched once per page. */
export function meetingDetail(id: string): Promise<MeetingDetail> {
  let p = meetings.get(id);
  if (!p) {
    p = api.meeting(id);
    p.catch(() => meetings.delete(id));
    meetings.set(id, p);
  }
  return p;
}

export interface SpeechRef {
  meeting: string;
  seq?: number;
  speaker?: string; // person id, to find the speech when seq is missing
  sentence?: string;
  surfaces?: string[]; // the concept as written, shown in bold
}

export async function showSpeech(dialog: HTMLDialogElement, ref: SpeechRef): Promise<void> {
  const body = dialog.querySelector('.dialog-body') as HTMLElement;
  const head = dialog.querySelector('.dialog-head h2') as HTMLElement;
  const meta = dialog.querySelector('.dialog-head .speech-meta') as HTMLElement;
  replace(head, '発言 Speech');
  replace(meta);
  replace(body, h('p', { class: 'muted' }, '読み込み中… Loading…'));
  if (!dialog.open) dialog.showModal();
  let m: MeetingDetail;
  try {
    m = await meetingDetail(ref.meeting);
  } catch (err) {
    replace(body, h('p', { class: 'error' }, `会議を読み込めません · Could not load the meeting: ${String(err)}`));
    return;
  }
  let sp = ref.seq !== undefined ? m.speeches.find((s) => s.seq === ref.seq) : undefined;
  if (!sp || (ref.sentence && !findSentence(sp.text, ref.sentence))) {
    sp =
      m.speeches.find((s) => (!ref.speaker || s.speaker_id === ref.speaker) && ref.sentence && findSentence(s.text, ref.sentence)) ?? sp;
  }
  if (!sp) {
    replace(body, h('p', { class: 'error' }, '発言が見つかりません · Speech not found'));
    return;
  }
  const att = m.attendees.find((a) => a.person_id === sp!.speaker_id);
  replace(head, `${sp.speaker || '（発言者不明）'} の発言`);
  const at = ref.sentence ? findSentence(sp.text, ref.sentence) : null;
  const mark = h('mark', { class: 'evidence' });
  const paras: HTMLElement[] = [];
  // Render paragraph by paragraph, cutting the highlight where it spans one.
  let off = 0;
  for (const para of sp.text.split('\n')) {
    const p = h('p');
    const a = off;
    const b = off + para.length;
    if (at && at[0] < b && at[1] > a) {
      const s = Math.max(at[0], a) - a;
      const e = Math.min(at[1], b) - a;
      const mk = at[0] >= a ? mark : h('mark', { class: 'evidence' });
      mk.append(...highlightSurfaces(para.slice(s, e), ref.surfaces ?? []));
      p.append(para.slice(0, s), mk, para.slice(e));
    } else {
      p.textContent = para;
    }
    paras.push(p);
    off = b + 1;
  }
  replace(
    meta,
    h('div', null, att?.post ?? '', sp.as ? ` (${sp.as})` : ''),
    h('div', { class: 'muted' }, `${m.body ?? ''} 第${m.number ?? '?'}回 · ${m.date}${sp.section ? ' · ' + sp.section : ''} · 発言 #${sp.seq}`),
    ref.sentence && !at ? h('div', { class: 'error' }, '根拠の文が本文中に見つかりませんでした · The evidence sentence was not found in the text') : null,
  );
  replace(body, h('div', { class: 'speech-text', lang: 'ja' }, paras));
  if (at) requestAnimationFrame(() => mark.scrollIntoView({ block: 'center' }));
}
